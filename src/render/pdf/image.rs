//! Pictures as PDF image XObjects.
//!
//! A JPEG is embedded as it is (`/DCTDecode`), which every reader decodes; a
//! PNG is decoded and its pixels stored raw (the file is compressed when it is
//! saved). Transparency is composed over white paper, so no soft mask is
//! needed: the printed result is the same and the file stays valid PDF/A.
//! This module only turns a [`crate::doc::Image`] into the parts of an image
//! XObject; the writer decides how to store them.

use crate::doc::{Image, ImageFormat};

/// The parts of an image XObject.
#[derive(Debug, Clone, PartialEq)]
pub struct XObjectImage {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// `DeviceRGB` or `DeviceGray`.
    pub color_space: &'static str,
    /// `DCTDecode` for JPEG data, none for raw pixels.
    pub filter: Option<&'static str>,
    /// The stream's data.
    pub data: Vec<u8>,
}

/// Converts a picture to an image XObject's parts.
pub fn xobject(img: &Image) -> Result<XObjectImage, String> {
    let decoded = || image::load_from_memory(&img.bytes).map_err(|e| format!("the picture could not be decoded: {e}"));
    match img.format {
        ImageFormat::Jpeg => {
            let components = jpeg_components(&img.bytes);
            match components {
                Some(1) => Ok(XObjectImage { width: img.pixel_width, height: img.pixel_height, color_space: "DeviceGray", filter: Some("DCTDecode"), data: img.bytes.to_vec() }),
                Some(3) => Ok(XObjectImage { width: img.pixel_width, height: img.pixel_height, color_space: "DeviceRGB", filter: Some("DCTDecode"), data: img.bytes.to_vec() }),
                // CMYK and other rare kinds: decode and store RGB pixels
                _ => Ok(raw_rgb(&decoded()?)),
            }
        }
        ImageFormat::Png => {
            let d = decoded()?;
            if !d.color().has_alpha() && !d.color().has_color() {
                let g = d.to_luma8();
                return Ok(XObjectImage { width: g.width(), height: g.height(), color_space: "DeviceGray", filter: None, data: g.into_raw() });
            }
            Ok(raw_rgb(&d))
        }
    }
}

/// RGB pixels, transparency composed over white.
fn raw_rgb(d: &image::DynamicImage) -> XObjectImage {
    let rgba = d.to_rgba8();
    let mut data = Vec::with_capacity(rgba.width() as usize * rgba.height() as usize * 3);
    for p in rgba.pixels() {
        let a = p[3] as u32;
        for c in &p.0[..3] {
            data.push(((*c as u32 * a + 255 * (255 - a) + 127) / 255) as u8);
        }
    }
    XObjectImage { width: rgba.width(), height: rgba.height(), color_space: "DeviceRGB", filter: None, data }
}

/// The number of colour components of a JPEG, from its first frame header.
fn jpeg_components(b: &[u8]) -> Option<u8> {
    let mut i = 2;
    while i + 9 < b.len() {
        if b[i] != 0xFF {
            return None;
        }
        let marker = b[i + 1];
        if marker == 0xFF {
            i += 1;
            continue;
        }
        let len = u16::from_be_bytes([b[i + 2], b[i + 3]]) as usize;
        // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC)
        if (0xC0..=0xCF).contains(&marker) && !matches!(marker, 0xC4 | 0xC8 | 0xCC) {
            return b.get(i + 9).copied();
        }
        i += 2 + len;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transparent_png_is_composed_over_white() {
        let mut png = Vec::new();
        let px = image::RgbaImage::from_raw(2, 1, vec![255, 0, 0, 255, 0, 0, 0, 0]).unwrap();
        px.write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png).unwrap();
        let img = Image { bytes: std::sync::Arc::new(png), format: ImageFormat::Png, pixel_width: 2, pixel_height: 1, width: 10.0, height: 5.0, alt: String::new(), caption: None };
        let x = xobject(&img).unwrap();
        assert_eq!(x.color_space, "DeviceRGB");
        assert_eq!(x.data, vec![255, 0, 0, 255, 255, 255]);
    }
}
