//! Rebuilds the binary when the web app's build changes, since it is embedded.
fn main() {
    println!("cargo:rerun-if-changed=../../web/dist");
}
