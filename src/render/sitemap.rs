//! `sitemap.xml` (every page at its canonical address, from `base_url`) and
//! `robots.txt` (everything may be crawled; where the sitemap is). The XML is
//! written with quick-xml, which escapes every text and attribute.

use super::pages::{self, PageRef};
use super::{File, RenderError, Whole, urls};
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

/// The namespace of the sitemap protocol (sitemaps.org 0.9).
const NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";

pub fn files(x: &Whole<'_>) -> Result<Vec<File>, RenderError> {
    let base = x.site.config.base_url.trim_end_matches('/');
    let mut addresses = page_addresses(x);
    addresses.sort();
    addresses.dedup();
    let sitemap = sitemap(base, &addresses).map_err(|e| RenderError::Whole(format!("{}: {e}", urls::SITEMAP)))?;
    let robots = format!("User-agent: *\nAllow: /\n\nSitemap: {base}/{}\n", urls::SITEMAP);
    Ok(vec![(urls::SITEMAP.to_owned(), sitemap), (urls::ROBOTS.to_owned(), robots.into_bytes())])
}

/// The address of every page but the one for missing addresses.
fn page_addresses(x: &Whole<'_>) -> Vec<String> {
    pages::all(x.site)
        .into_iter()
        .filter(|p| !matches!(p, PageRef::NotFound))
        // A withdrawn § keeps its address (a tombstone) but leaves the sitemap.
        .filter(|p| match *p {
            PageRef::Paragraph(b, i, k) => x.site.bodies[b].meetings[i].paragraphs[k].content.withdrawal().is_none(),
            _ => true,
        })
        .flat_map(|p| p.addresses(x.site))
        .collect()
}

fn sitemap(base: &str, addresses: &[String]) -> std::io::Result<Vec<u8>> {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 1);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.write_event(Event::Start(BytesStart::new("urlset").with_attributes([("xmlns", NS)])))?;
    for address in addresses {
        w.write_event(Event::Start(BytesStart::new("url")))?;
        w.write_event(Event::Start(BytesStart::new("loc")))?;
        w.write_event(Event::Text(BytesText::new(&format!("{base}/{address}"))))?;
        w.write_event(Event::End(BytesEnd::new("loc")))?;
        w.write_event(Event::End(BytesEnd::new("url")))?;
    }
    w.write_event(Event::End(BytesEnd::new("urlset")))?;
    let mut bytes = w.into_inner();
    bytes.push(b'\n');
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_escaped_and_absolute() {
        let xml = sitemap("https://x.se/p", &["".into(), "a&b/".into()]).unwrap();
        let xml = String::from_utf8(xml).unwrap();
        assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"), "{xml}");
        assert!(xml.contains("<loc>https://x.se/p/</loc>"), "{xml}");
        assert!(xml.contains("<loc>https://x.se/p/a&amp;b/</loc>"), "{xml}");
    }

    #[test]
    fn every_page_of_the_example_but_404_once() {
        let site = super::super::testing::example_site("2026-11-25");
        let files = super::super::testing::whole_files(&site, files);
        let xml = String::from_utf8(files[0].1.clone()).unwrap();
        let locs = xml.matches("<loc>").count();
        let pages = pages::all(&site).len();
        // Every page but 404, plus the archive's year pages beyond its index.
        assert!(locs >= pages - 1, "{locs} addresses for {pages} pages");
        assert!(xml.contains("<loc>https://www.exempelby.se/protokoll/anslagstavla/</loc>"));
        assert!(!xml.contains("404"));
        let robots = String::from_utf8(files[1].1.clone()).unwrap();
        assert!(robots.contains("Sitemap: https://www.exempelby.se/protokoll/sitemap.xml"), "{robots}");
    }
}
