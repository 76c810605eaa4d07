use phaen::fonts::Face;
fn main() {
    let ts = phaen::render::pdf::text::Typesetter::new();
    let size: f32 = std::env::args().nth(1).unwrap().parse().unwrap();
    for t in std::env::args().skip(2) {
        let w = ts.width(&t, Face::Bold, size);
        println!("{t}: {:.1} pt = {:.1} mm", w, w / 72.0 * 25.4);
    }
}
