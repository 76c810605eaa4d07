use icu_segmenter::{LineSegmenter, options::LineBreakOptions};
fn main() {
    let t = std::env::args().nth(1).unwrap();
    for (name, s) in [("lstm", LineSegmenter::new_lstm(LineBreakOptions::default())), ("dict", LineSegmenter::new_dictionary(LineBreakOptions::default())), ("auto", LineSegmenter::new_auto(LineBreakOptions::default()))] {
        let b: Vec<usize> = s.segment_str(&t).collect();
        let parts: Vec<&str> = b.windows(2).map(|w| &t[w[0]..w[1]]).collect();
        println!("{name}: {}", parts.join("|"));
    }
}
