//! Every page of the site: its address, its template and its view. The
//! views are made by page family: [`site`] (pages made from the whole
//! site), [`meeting`] (a body's and a meeting's pages), [`notice`] (other
//! notices and every notice's proof).

mod meeting;
mod notice;
mod site;

use meeting::*;
use notice::*;
use site::*;

use crate::model::*;
use crate::present::*;
use crate::urls;
use tera::Value;

/// One page to render: its view as the template engine takes it (the
/// labels, `frame.t`, are added when it is rendered: `Theme::render`).
pub struct PageSpec {
    pub url: String,
    pub template: &'static str,
    pub view: Value,
}

/// The page at `url`: `view` is the template's own struct (one for each
/// template, beside the function that makes it), with the page's `frame`
/// added, made straight into the template engine's values. (Turning a
/// struct of strings, numbers, lists and options into them cannot fail; if
/// a view ever could, its page fails to render with the template's name,
/// not silently.)
fn spec(url: String, template: &'static str, frame: Frame, view: impl serde::Serialize) -> PageSpec {
    let view = match (Value::try_from_serializable(&view).map(Value::into_map), Value::try_from_serializable(&frame)) {
        (Ok(Some(mut fields)), Ok(frame)) => {
            fields.insert(tera::value::Key::Str("frame"), frame);
            Value::from(fields)
        }
        _ => Value::none(),
    };
    PageSpec { url, template, view }
}

/// A page to be made: small, so the list of a whole site is cheap; its view
/// is built only when it is rendered (see [`PageRef::spec`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageRef {
    Home,
    Board,
    Accessibility,
    NotFound,
    /// The archive pages (few, built together).
    Archive,
    Search,
    /// The register pages (one a year, built together).
    Register,
    Body(usize),
    Meeting(usize, usize),
    /// The whole protocol on one page, for reading through and printing.
    Protocol(usize, usize),
    ProtocolNotice(usize, usize),
    /// The notice of a § adjusted on its own (omedelbar justering).
    ParagraphNotice(usize, usize, usize),
    Paragraph(usize, usize, usize),
    Notice(usize),
    /// The proof (anslagsbevis) of a protocol's notice, of a § adjusted on
    /// its own, of another notice: what the law requires the notice to say
    /// and what the publishing record holds.
    ProtocolProof(usize, usize),
    ParagraphProof(usize, usize, usize),
    NoticeProof(usize),
}

/// Everything a page view may need.
pub struct Inputs<'a> {
    pub site: &'a Site,
    pub labels: &'a Labels,
    pub sizes: &'a Sizes,
    /// The stylesheet's address suffix (`?v=` and a hash of its bytes), so a
    /// page always asks for the stylesheet of its own build.
    pub style: &'a str,
    /// Markdown already rendered (kept by `serve` from build to build).
    pub markdown: Option<&'a crate::markdown::Cache>,
    /// The size in bytes of the protocol PDF of meeting `(body, meeting)`
    /// (indices into `site.bodies` and its meetings), `None` if it has none.
    pub pdf: &'a PdfSize<'a>,
}

/// See [`Inputs::pdf`].
pub type PdfSize<'a> = dyn Fn(usize, usize) -> Option<u64> + Sync + 'a;

/// All pages of the site, in a fixed order.
pub fn all(site: &Site) -> Vec<PageRef> {
    let mut pages = vec![
        PageRef::Home,
        PageRef::Board,
        PageRef::Accessibility,
        PageRef::NotFound,
        PageRef::Archive,
        PageRef::Search,
        PageRef::Register,
    ];
    for (b, body) in site.bodies.iter().enumerate() {
        pages.push(PageRef::Body(b));
        for i in 0..body.meetings.len() {
            of_meeting(site, b, i, &mut pages);
        }
    }
    let notices = site.notices.iter().enumerate().filter(|(_, n)| n.posted <= site.today);
    pages.extend(notices.flat_map(|(i, _)| [PageRef::Notice(i), PageRef::NoticeProof(i)]));
    pages
}

/// The pages of meeting `i` of body `b`, in [`all`]'s order, added to `pages`.
pub fn of_meeting(site: &Site, b: usize, i: usize, pages: &mut Vec<PageRef>) {
    let m = &site.bodies[b].meetings[i];
    pages.push(PageRef::Meeting(b, i));
    pages.push(PageRef::Protocol(b, i));
    if let Adjustment::Adjusted { board, .. } = m.adjustment
        && board.posted <= site.today
    {
        pages.push(PageRef::ProtocolNotice(b, i));
        pages.push(PageRef::ProtocolProof(b, i));
    }
    for (k, p) in m.paragraphs.iter().enumerate() {
        if p.immediate.is_some_and(|x| x.board.posted <= site.today) {
            pages.push(PageRef::ParagraphNotice(b, i, k));
            pages.push(PageRef::ParagraphProof(b, i, k));
        }
    }
    pages.extend((0..m.paragraphs.len()).map(|k| PageRef::Paragraph(b, i, k)));
}

impl PageRef {
    /// The page's address, without making its view; `None` for the archive
    /// and the register, whose years are known only from their views (their
    /// pages are all under [`urls::ARCHIVE`] and [`urls::REGISTER`]).
    pub fn url(self, site: &Site) -> Option<String> {
        let meeting = |b: usize, i: usize| &site.bodies[b].meetings[i];
        Some(match self {
            PageRef::Home => urls::HOME.to_owned(),
            PageRef::Board => urls::BOARD.to_owned(),
            PageRef::Accessibility => urls::ACCESSIBILITY.to_owned(),
            PageRef::NotFound => urls::NOT_FOUND.to_owned(),
            PageRef::Archive | PageRef::Register => return None,
            PageRef::Search => urls::SEARCH.to_owned(),
            PageRef::Body(b) => urls::body(&site.bodies[b].slug),
            PageRef::Meeting(b, i) => urls::meeting(&meeting(b, i).id),
            PageRef::Protocol(b, i) => urls::protocol(&meeting(b, i).id),
            PageRef::ProtocolNotice(b, i) => urls::protocol_notice(meeting(b, i)),
            PageRef::ParagraphNotice(b, i, k) => {
                let m = meeting(b, i);
                urls::paragraph_notice(&m.id, m.paragraphs[k].number)
            }
            PageRef::Paragraph(b, i, k) => {
                let m = meeting(b, i);
                urls::paragraph(&m.id, m.paragraphs[k].number)
            }
            PageRef::Notice(i) => urls::notice(&site.notices[i]),
            PageRef::ProtocolProof(b, i) => urls::proof(&urls::protocol_notice(meeting(b, i))),
            PageRef::ParagraphProof(b, i, k) => {
                let m = meeting(b, i);
                urls::proof(&urls::paragraph_notice(&m.id, m.paragraphs[k].number))
            }
            PageRef::NoticeProof(i) => urls::proof(&urls::notice(&site.notices[i])),
        })
    }

    /// The addresses of the page, or of the pages made together (the
    /// archive's and the register's: their index, then a page a year),
    /// without making their views.
    pub fn addresses(self, site: &Site) -> Vec<String> {
        let years = |index: &str, years: Vec<i16>, url: fn(i16) -> String| {
            std::iter::once(index.to_owned()).chain(years.into_iter().map(url)).collect()
        };
        match self {
            PageRef::Archive => years(urls::ARCHIVE, archive_years(site), urls::archive_year),
            PageRef::Register => years(urls::REGISTER, paragraph_years(site), urls::register_year),
            page => page.url(site).into_iter().collect(),
        }
    }

    /// The page's address, template and view (the archive gives several pages).
    pub fn specs(self, x: &Inputs<'_>) -> Vec<PageSpec> {
        let site = x.site;
        let body = |b: usize| &site.bodies[b];
        let meeting = |b: usize, i: usize| &site.bodies[b].meetings[i];
        let one = match self {
            PageRef::Home => home(x),
            PageRef::Board => board(x),
            PageRef::Accessibility => accessibility(x),
            PageRef::NotFound => not_found(x),
            PageRef::Archive => return archive(x),
            PageRef::Search => search(x),
            PageRef::Register => return register(x),
            PageRef::Body(b) => body_page(x, body(b)),
            PageRef::Meeting(b, i) => meeting_page(x, body(b), meeting(b, i), (x.pdf)(b, i)),
            PageRef::Protocol(b, i) => protocol_page(x, body(b), meeting(b, i), x.sizes, (x.pdf)(b, i)),
            PageRef::ProtocolNotice(b, i) => {
                let m = meeting(b, i);
                let Adjustment::Adjusted { on, board } = m.adjustment else { return Vec::new() };
                protocol_notice_page(x, body(b), m, on, &board)
            }
            PageRef::ParagraphNotice(b, i, k) => {
                let m = meeting(b, i);
                let par = &m.paragraphs[k];
                let Some(imm) = &par.immediate else { return Vec::new() };
                paragraph_notice_page(x, body(b), m, par, imm)
            }
            PageRef::Paragraph(b, i, k) => {
                let m = meeting(b, i);
                paragraph_page(x, body(b), m, &m.paragraphs[k], x.sizes)
            }
            PageRef::Notice(i) => notice_page(x, &site.notices[i]),
            PageRef::ProtocolProof(b, i) => {
                let m = meeting(b, i);
                let Adjustment::Adjusted { on, board } = m.adjustment else { return Vec::new() };
                let p = page(x, String::new());
                let view = p.protocol_notice(body(b), m, on, &board);
                proof_page(x, &urls::protocol_notice(m), view_facts(&p, &view, m.certified_by.as_deref()))
            }
            PageRef::ParagraphProof(b, i, k) => {
                let m = meeting(b, i);
                let par = &m.paragraphs[k];
                let Some(imm) = &par.immediate else { return Vec::new() };
                let p = page(x, String::new());
                let view = p.paragraph_notice(body(b), m, par, imm);
                let key = urls::paragraph_notice(&m.id, par.number);
                proof_page(x, &key, view_facts(&p, &view, m.certified_by.as_deref()))
            }
            PageRef::NoticeProof(i) => {
                let n = &site.notices[i];
                let p = page(x, String::new());
                let line = p.notice_line(n);
                let mut facts = vec![(p.label("kind"), line.kind), (p.label("posted"), line.posted)];
                facts.extend(line.appeal_last_day.map(|d| (p.label("appeal_last_day"), d)));
                facts.push((p.label("removal"), line.removal));
                proof_page(x, &urls::notice(n), ProofFacts { title: n.title.clone(), facts })
            }
        };
        vec![one]
    }
}

fn page<'a>(x: &Inputs<'a>, url: String) -> Page<'a> {
    Page { url, site: x.site, labels: x.labels, style: x.style, markdown: x.markdown, tables: std::cell::Cell::new(0) }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every page's addresses, found without its view, are those of the
    /// pages its view gives (the archive's and register's years too), on
    /// days with nothing, some and much in the archive.
    #[test]
    fn addresses_are_those_of_the_pages_made() {
        for today in ["2025-03-01", "2026-11-25", "2031-01-01"] {
            let site = crate::render::testing::example_site(today);
            let labels = labels(&site);
            let sizes = Sizes::new();
            let pdf = |_: usize, _: usize| None;
            let inputs = Inputs { site: &site, labels: &labels, sizes: &sizes, style: "", markdown: None, pdf: &pdf };
            let mut groups = 0;
            for page in all(&site) {
                let made: Vec<String> = page.specs(&inputs).into_iter().map(|s| s.url).collect();
                assert_eq!(page.addresses(&site), made, "{page:?} on {today}");
                groups += usize::from(made.len() > 1);
            }
            assert!(today < "2026" || groups == 2, "the archive and the register have years on {today}");
        }
    }
}
