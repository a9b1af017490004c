//! The grader's Web Worker binary (Trunk `data-type="worker"`): registers
//! [`nines::grader::GradeWorker`] and waits for designs to grade. It links the grader and
//! serde, not the app's Yew components.

use gloo_worker::Registrable;

fn main() {
    nines::grader::GradeWorker::registrar().register();
}
