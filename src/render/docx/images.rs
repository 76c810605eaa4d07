//! Pictures: an inline drawing (`wp:inline` with a `pic:pic`) in its own
//! centred paragraph, the file's bytes unchanged as `word/media/imageN.png`
//! or `.jpeg` (each listed in the content types), related to
//! the main document as `rIdImageN`.

use super::*;

/// English Metric Units per millimetre.
const EMU_PER_MM: f32 = 36_000.0;

/// The file extension of a picture's part.
fn extension(img: &crate::doc::Image) -> &'static str {
    match img.format {
        crate::doc::ImageFormat::Png => "png",
        crate::doc::ImageFormat::Jpeg => "jpeg",
    }
}

impl BodyWriter<'_> {
    /// A picture, centred in its own paragraph at its size (shrunk to the
    /// text width and 200 mm height), then its caption.
    /// `space_before`: points above the picture instead of its 6 pt (the
    /// space that centres a cover).
    pub(super) fn image(&mut self, img: &crate::doc::Image, text_width: i64, page_break_before: bool, space_before: Option<f32>) {
        let scale = image_scale(img, text_width);
        let cx = (img.width * scale * EMU_PER_MM).round() as i64;
        let cy = (img.height * scale * EMU_PER_MM).round() as i64;
        self.images.push(img.clone());
        let n = self.images.len();
        let ext = extension(img);
        let alt = esc(&img.alt);
        let mut ppr = String::new();
        if img.caption.is_some() {
            ppr.push_str("<w:keepNext/>");
        }
        if page_break_before {
            ppr.push_str("<w:pageBreakBefore/>");
        }
        let _ = write!(ppr, r#"<w:spacing w:before="{}" w:after="60"/><w:ind w:left="0" w:firstLine="0"/><w:jc w:val="center"/>"#, pt20(space_before.unwrap_or(IMAGE_BEFORE)));
        let _ = write!(
            self.out,
            concat!(
                r#"<w:p><w:pPr>{ppr}</w:pPr><w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">"#,
                r#"<wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="{n}" name="Picture {n}" descr="{alt}"/>"#,
                r#"<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>"#,
                r#"<a:graphic><a:graphicData uri="{uri}"><pic:pic><pic:nvPicPr><pic:cNvPr id="{n}" name="image{n}.{ext}" descr="{alt}"/><pic:cNvPicPr/></pic:nvPicPr>"#,
                r#"<pic:blipFill><a:blip r:embed="rIdImage{n}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>"#,
                r#"<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>"#,
                r#"</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"#
            ),
            ppr = ppr,
            cx = cx,
            cy = cy,
            n = n,
            alt = alt,
            ext = ext,
            uri = NS_PIC
        );
        if let Some(c) = &img.caption {
            self.paragraph(c, None, &ParaExtra::default());
        }
    }
}

/// Space above and below a picture's paragraph, points.
pub(super) const IMAGE_BEFORE: f32 = 6.0;
pub(super) const IMAGE_AFTER: f32 = 3.0;

/// How much a picture is shrunk: to the text width and 200 mm height at most.
pub(super) fn image_scale(img: &crate::doc::Image, text_width: i64) -> f32 {
    let max_w = text_width as f32 / TWIPS_PER_MM;
    (max_w / img.width.max(1.0)).min(200.0 / img.height.max(1.0)).min(1.0)
}

/// The media parts of the pictures, each with its relationship from the
/// main document.
pub(super) fn media_parts(images: &[crate::doc::Image]) -> Vec<((String, String, String), Part)> {
    images
        .iter()
        .enumerate()
        .map(|(i, img)| {
            let (n, ext) = (i + 1, extension(img));
            let content_type = match img.format {
                crate::doc::ImageFormat::Png => "image/png",
                crate::doc::ImageFormat::Jpeg => "image/jpeg",
            };
            let rel = (format!("rIdImage{n}"), "image".to_string(), format!("media/image{n}.{ext}"));
            (rel, Part::new(format!("word/media/image{n}.{ext}"), content_type, img.bytes.to_vec()))
        })
        .collect()
}
