//! The CloudFormation exporter's Web Worker binary (Trunk `data-type="worker"`): registers
//! [`nines::exporter::ExportWorker`] and waits for designs to export. It links the
//! exporter and serde, not the app's Yew components.

use gloo_worker::Registrable;

fn main() {
    nines::exporter::ExportWorker::registrar().register();
}
