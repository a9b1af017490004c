//! Mounts Nines into the page body: the embed for `#/embed…` links, else the Playground.

fn main() {
    if nines::embed::requested() {
        yew::Renderer::<nines::EmbedApp>::new().render();
    } else {
        yew::Renderer::<nines::App>::new().render();
    }
}
