//! Mounts the Nines Playground into the page body.

fn main() {
    yew::Renderer::<nines::App>::new().render();
}
