//! Layout: blocks onto A4 pages, and the structure tree beside them.
//!
//! A simple flow: every block starts at the left margin (lists and quotes
//! indent), text is broken into lines greedily by the fonts' advance widths,
//! a line that does not fit starts a new page, a heading is kept with the
//! next three lines, and a table continues on the next page with its header
//! row drawn again (as a pagination artifact: it is in the structure tree
//! once). Every piece of text drawn is either a leaf of the structure tree or
//! an artifact (rules, running header, page numbers).

use super::blocks::{Block, Cell, Inline, Run, Table, text_of};
use super::fonts::{FONTS, Style, drawable};
use krilla::tagging::{ArtifactType, ListNumbering, TableHeaderScope, Tag, TagKind};
use std::num::NonZeroU16;

pub const PAGE_W: f32 = 595.28;
pub const PAGE_H: f32 = 841.89;
pub const MARGIN_X: f32 = 62.0;
pub const MARGIN_TOP: f32 = 62.0;
pub const MARGIN_BOTTOM: f32 = 66.0;
/// Body text size in points.
pub const BODY: f32 = 11.0;
/// Table text size.
const SMALL: f32 = 10.0;
const CODE: f32 = 9.5;
/// Line height as a multiple of the size, and the baseline below a line's top.
const LEADING: f32 = 1.38;
const ASCENT: f32 = 1.0;
const CONTENT_W: f32 = PAGE_W - 2.0 * MARGIN_X;
const BOTTOM: f32 = PAGE_H - MARGIN_BOTTOM;

/// Containers (quotes, lists, language groups) nested deeper than this add
/// no structure node and no indentation: their blocks go on at the same
/// place. Clerk Markdown is flattened long before this
/// ([`crate::markdown::depth::MAX_NESTING`]); this bounds the depth of the
/// structure tree (which krilla walks recursively) for any blocks.
const MAX_DEPTH: usize = 64;

/// The narrowest column nesting leaves for text, in points: a nested quote
/// or list moves its content right by less, the deeper it is, so that no
/// nesting pushes text off the page or breaks it a letter a line.
const MIN_WIDTH: f32 = 150.0;

/// How far a container inside a column `w` wide moves its content right:
/// `want`, or an eighth of what is left above [`MIN_WIDTH`] if that is less.
fn step(w: f32, want: f32) -> f32 {
    want.min((w - MIN_WIDTH).max(0.0) / 8.0)
}

/// How drawn content relates to the structure tree.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Mark {
    /// A leaf of the structure tree (its index).
    Leaf(usize),
    Artifact(ArtifactType),
}

/// One thing drawn on a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    /// Text at `x`, baseline `y` (from the top of the page).
    Text { x: f32, y: f32, style: Style, size: f32, text: String, strike: bool, mark: Mark },
    /// A straight line, always an artifact.
    Rule { x1: f32, y1: f32, x2: f32, y2: f32, width: f32, grey: bool },
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Child {
    Node(usize),
    Leaf(usize),
}

/// The structure tree as an arena: node 0 is the root (the Document).
pub struct Tree {
    pub nodes: Vec<(Option<TagKind>, Vec<Child>)>,
    pub leaves: usize,
    /// The page each leaf is on.
    leaf_page: Vec<usize>,
}

impl Tree {
    fn new() -> Tree {
        Tree { nodes: vec![(None, Vec::new())], leaves: 0, leaf_page: Vec::new() }
    }

    pub fn group(&mut self, parent: usize, kind: impl Into<TagKind>) -> usize {
        self.nodes.push((Some(kind.into()), Vec::new()));
        let id = self.nodes.len() - 1;
        self.nodes[parent].1.push(Child::Node(id));
        id
    }

    /// A leaf of `parent` on `page` for more text: the one `parent` ends
    /// with if it is on that page (a paragraph's lines on one page are one
    /// marked sequence), else a new one.
    fn leaf(&mut self, parent: usize, page: usize) -> usize {
        if let Some(Child::Leaf(last)) = self.nodes[parent].1.last()
            && self.leaf_page[*last] == page
        {
            return *last;
        }
        let id = self.leaves;
        self.leaves += 1;
        self.leaf_page.push(page);
        self.nodes[parent].1.push(Child::Leaf(id));
        id
    }
}

/// What [`Layout::blocks`] is in the middle of.
enum Frame<'b> {
    /// Blocks laid out one after the other under `parent`; `next` is the next.
    Seq {
        parent: usize,
        blocks: &'b [Block],
        next: usize,
        x: f32,
        w: f32,
        depth: usize,
    },
    List(List<'b>),
}

/// A list being laid out.
#[derive(Clone, Copy)]
struct List<'b> {
    /// Its structure node.
    g: usize,
    start: Option<u64>,
    items: &'b [Vec<Block>],
    next: usize,
    x: f32,
    w: f32,
    /// Where the items' text starts, after the widest label.
    indent: f32,
    /// Where the item laid out last started (page, y).
    top: Option<(usize, f32)>,
    /// Containers open around it, itself included.
    depth: usize,
}

/// The label of item `i` of a list numbered from `start` (bullets without).
fn label(start: Option<u64>, i: usize) -> String {
    match start {
        Some(n) => format!("{}.", n.saturating_add(i as u64)),
        None => "•".to_owned(),
    }
}

/// A piece of a line in one style, `x` from the line's start.
#[derive(Debug, Clone, PartialEq)]
pub struct Seg {
    pub x: f32,
    pub text: String,
    pub style: Style,
    pub strike: bool,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Line {
    pub segs: Vec<Seg>,
    pub width: f32,
}

impl Line {
    fn push(&mut self, text: &str, w: f32, style: Style, strike: bool) {
        match self.segs.last_mut() {
            Some(s) if s.style == style && s.strike == strike => s.text.push_str(text),
            _ => self.segs.push(Seg { x: self.width, text: text.to_owned(), style, strike }),
        }
        self.width += w;
    }

    pub fn text(&self) -> String {
        self.segs.iter().map(|s| s.text.as_str()).collect()
    }
}

/// Words and the spaces between them, in order.
fn tokens(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let first = rest.chars().next()?;
        let space = first == ' ';
        let end = rest.find(|c: char| (c == ' ') != space).unwrap_or(rest.len());
        let (token, tail) = rest.split_at(end);
        rest = tail;
        Some(token)
    })
}

/// Breaks `inline` into lines of at most `width` points at `size`: at
/// spaces (kept at the end of the line, so words stay apart in the text),
/// at `\n`, and inside a word only if it is wider than a line.
pub fn break_lines(inline: &[Run], size: f32, width: f32) -> Vec<Line> {
    let mut lines = vec![Line::default()];
    let mut has_word = false;
    for run in inline {
        let face = FONTS.get(run.style);
        for (i, part) in run.text.split('\n').enumerate() {
            if i > 0 {
                lines.push(Line::default());
                has_word = false;
            }
            let part = drawable(part, run.style);
            for token in tokens(&part) {
                let w = face.width(token, size);
                let line = lines.last_mut().expect("never empty");
                if token.starts_with(' ') {
                    if has_word {
                        line.push(token, w, run.style, run.strike);
                    }
                    continue;
                }
                if has_word && line.width + w > width + 0.01 {
                    lines.push(Line::default());
                }
                if w > width {
                    for c in token.chars() {
                        let mut buf = [0u8; 4];
                        let c = c.encode_utf8(&mut buf);
                        let cw = face.width(c, size);
                        let line = lines.last_mut().expect("never empty");
                        if line.width > 0.0 && line.width + cw > width + 0.01 {
                            lines.push(Line::default());
                        }
                        lines.last_mut().expect("never empty").push(c, cw, run.style, run.strike);
                    }
                } else {
                    lines.last_mut().expect("never empty").push(token, w, run.style, run.strike);
                }
                has_word = true;
            }
        }
    }
    lines
}

/// The widest word and the widest forced line of `inline`: a table
/// column's least and natural widths.
fn extent(inline: &[Run], size: f32) -> (f32, f32) {
    let (mut word, mut line, mut widest_word, mut widest_line) = (0.0f32, 0.0f32, 0.0f32, 0.0f32);
    for run in inline {
        let face = FONTS.get(run.style);
        for (i, part) in run.text.split('\n').enumerate() {
            if i > 0 {
                (word, line) = (0.0, 0.0);
            }
            for token in tokens(&drawable(part, run.style)) {
                let w = face.width(token, size);
                line += w;
                word = if token.starts_with(' ') { 0.0 } else { word + w };
                widest_word = widest_word.max(word);
                widest_line = widest_line.max(line);
            }
        }
    }
    (widest_word, widest_line)
}

/// Column widths within `avail`: natural widths if they fit, else each
/// column its widest word and the rest shared by how much more it wants.
pub fn columns(least: &[f32], natural: &[f32], avail: f32) -> Vec<f32> {
    let (sum_least, sum_natural) = (least.iter().sum::<f32>(), natural.iter().sum::<f32>());
    if sum_natural <= avail {
        return natural.to_vec();
    }
    if sum_least >= avail {
        return least.iter().map(|w| w * avail / sum_least).collect();
    }
    let share = (avail - sum_least) / (sum_natural - sum_least);
    least.iter().zip(natural).map(|(l, n)| l + (n - l) * share).collect()
}

/// The pages made so far, the structure tree and the bookmarks.
pub struct Layout {
    pub pages: Vec<Vec<Op>>,
    pub tree: Tree,
    /// Bookmarks: title, page index, position.
    pub outline: Vec<(String, usize, f32)>,
    y: f32,
    /// Lists open around the block being laid out (their paragraphs are closer).
    lists: usize,
    /// Height of the headings that directly follow the one being laid out
    /// (a heading is kept with them and the first lines after them).
    keep: f32,
}

impl Default for Layout {
    fn default() -> Self {
        Layout::new()
    }
}

impl Layout {
    pub fn new() -> Layout {
        Layout { pages: vec![Vec::new()], tree: Tree::new(), outline: Vec::new(), y: MARGIN_TOP, lists: 0, keep: 0.0 }
    }

    fn op(&mut self, op: Op) {
        self.pages.last_mut().expect("a page is always open").push(op);
    }

    fn at_top(&self) -> bool {
        self.y <= MARGIN_TOP + 0.01
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = MARGIN_TOP;
    }

    /// Starts a new page unless `h` points fit below (or the page is empty).
    fn need(&mut self, h: f32) {
        if self.y + h > BOTTOM && !self.at_top() {
            self.new_page();
        }
    }

    fn space(&mut self, s: f32) {
        if !self.at_top() {
            self.y = (self.y + s).min(BOTTOM);
        }
    }

    fn text(&mut self, x: f32, y: f32, seg: &Seg, size: f32, mark: Mark) {
        let text = seg.text.clone();
        self.op(Op::Text { x: x + seg.x, y, style: seg.style, size, text, strike: seg.strike, mark });
    }

    /// Draws `lines` as leaves of `parent`, a new page where one does not fit.
    fn lines(&mut self, parent: usize, lines: &[Line], x: f32, size: f32) {
        let lh = size * LEADING;
        for line in lines {
            self.need(lh);
            let baseline = self.y + size * ASCENT;
            for seg in &line.segs {
                let leaf = self.tree.leaf(parent, self.pages.len() - 1);
                self.text(x, baseline, seg, size, Mark::Leaf(leaf));
            }
            self.y += lh;
        }
    }

    /// Lays out `blocks` as children of the structure node `parent`.
    ///
    /// Iteratively: quotes, lists and language groups open frames on a stack
    /// of our own instead of calling this again, so no nesting of blocks can
    /// exhaust the thread's stack. Beyond [`MAX_DEPTH`] open containers a
    /// container adds no structure node and no indentation (its blocks go on
    /// at the same place), so the structure tree, which krilla walks
    /// recursively, stays shallow too.
    pub fn blocks(&mut self, parent: usize, blocks: &[Block]) {
        let mut stack = vec![Frame::Seq { parent, blocks, next: 0, x: MARGIN_X, w: CONTENT_W, depth: 0 }];
        while let Some(frame) = stack.last_mut() {
            match frame {
                Frame::Seq { parent, blocks, next, x, w, depth } => {
                    let (parent, blocks, i, x, w, depth) = (*parent, *blocks, *next, *x, *w, *depth);
                    let deep = depth >= MAX_DEPTH;
                    let Some(b) = blocks.get(i) else {
                        stack.pop();
                        continue;
                    };
                    *next += 1;
                    if matches!(b, Block::Heading { .. }) {
                        self.keep_with(&blocks[i + 1..], w);
                    }
                    match b {
                        Block::Quote(inner) | Block::Lang { blocks: inner, .. } if deep => {
                            stack.push(Frame::Seq { parent, blocks: inner, next: 0, x, w, depth });
                        }
                        Block::List { items, .. } if deep => {
                            let items = items.iter().rev().map(|item| Frame::Seq {
                                parent,
                                blocks: item,
                                next: 0,
                                x,
                                w,
                                depth,
                            });
                            stack.extend(items);
                        }
                        Block::Quote(inner) => {
                            let g = self.tree.group(parent, Tag::BlockQuote);
                            let indent = step(w, 16.0);
                            let (x, w, depth) = (x + indent, w - indent, depth + 1);
                            stack.push(Frame::Seq { parent: g, blocks: inner, next: 0, x, w, depth });
                        }
                        Block::Lang { lang, blocks: inner } => {
                            let kind = TagKind::from(Tag::Div).with_lang(Some((*lang).to_owned()));
                            let g = self.tree.group(parent, kind);
                            stack.push(Frame::Seq { parent: g, blocks: inner, next: 0, x, w, depth: depth + 1 });
                        }
                        Block::List { start, items } => {
                            let list = self.list(parent, *start, items, x, w, depth + 1);
                            stack.push(Frame::List(list));
                        }
                        leaf => self.block(parent, leaf, x, w),
                    }
                }
                Frame::List(list) => {
                    let list = *list;
                    stack.pop();
                    if let Some(next) = self.list_item(list) {
                        stack.push(Frame::List(next.0));
                        stack.push(next.1);
                    }
                }
            }
        }
    }

    /// Before a heading: the height of the headings right after it (and of a
    /// key–value list right after it), which it is kept with.
    fn keep_with(&mut self, after: &[Block], w: f32) {
        let headings = after.iter().take_while(|b| leading_heading(b, w).is_some()).count();
        self.keep = after[..headings].iter().filter_map(|b| leading_heading(b, w)).sum();
        // A key–value list is kept whole, and with its heading: about two lines a row.
        if let Some(Block::Table(t)) = after.get(headings).filter(|_| headings == 0)
            && t.facts
        {
            self.keep = (t.rows.len() as f32 * 2.0 * BODY * LEADING).min(BOTTOM - MARGIN_TOP - 100.0);
        }
    }

    /// Lays out a block that holds no other blocks.
    fn block(&mut self, parent: usize, b: &Block, x: f32, w: f32) {
        let gap = if self.lists > 0 { 2.5 } else { 6.0 };
        match b {
            Block::Heading { level, text, outline } => {
                let (size, before, after) = heading_metrics(*level);
                let runs: Inline = text.iter().map(|r| Run { style: heading_style(r.style), ..r.clone() }).collect();
                let lines = break_lines(&runs, size, w);
                self.space(before);
                // Keep the heading with the first lines of what follows.
                let keep = std::mem::take(&mut self.keep);
                self.need(lines.len() as f32 * size * LEADING + keep + 3.0 * BODY * LEADING);
                let title = text_of(text).trim().to_owned();
                if *outline {
                    self.outline.push((title.clone(), self.pages.len() - 1, self.y));
                }
                let level = NonZeroU16::new(u16::from(*level).max(1)).unwrap_or(NonZeroU16::MIN);
                let g = self.tree.group(parent, Tag::Hn(level, Some(title)));
                self.lines(g, &lines, x, size);
                self.y += after;
            }
            Block::Para(inline) => {
                let g = self.tree.group(parent, Tag::P);
                self.lines(g, &break_lines(inline, BODY, w), x, BODY);
                self.space(gap);
            }
            Block::Code(code) => {
                let p = self.tree.group(parent, Tag::P);
                let g = self.tree.group(p, Tag::Code);
                let lines: Vec<Line> = code.split('\n').flat_map(|l| code_lines(l, w)).collect();
                self.lines(g, &lines, x, CODE);
                self.space(gap);
            }
            Block::Table(t) => {
                self.table(parent, t, x, w);
                self.space(8.0);
            }
            Block::Figure { alt, shown } => {
                let g = self.tree.group(parent, Tag::Figure(Some(alt.clone())));
                let lines = break_lines(&super::blocks::plain(shown.clone()), SMALL, w - 16.0);
                let h = lines.len() as f32 * SMALL * LEADING + 8.0;
                self.need(h.min(BOTTOM - MARGIN_TOP));
                let top = self.y;
                self.y += 4.0;
                self.lines(g, &lines, x + 8.0, SMALL);
                self.y += 4.0;
                if self.y > top {
                    self.frame(x, top, x + w.min(lines.iter().map(|l| l.width).fold(0.0, f32::max) + 16.0), self.y);
                }
                self.space(gap);
            }
            Block::Rule => {
                self.space(4.0);
                self.need(10.0);
                let y = self.y + 4.0;
                self.op(Op::Rule { x1: x, y1: y, x2: x + w, y2: y, width: 0.5, grey: true });
                self.y += 10.0;
            }
            // Containers are opened by `blocks`.
            Block::Quote(_) | Block::Lang { .. } | Block::List { .. } => {}
        }
    }

    fn frame(&mut self, x1: f32, y1: f32, x2: f32, y2: f32) {
        for (a, b, c, d) in [(x1, y1, x2, y1), (x2, y1, x2, y2), (x2, y2, x1, y2), (x1, y2, x1, y1)] {
            self.op(Op::Rule { x1: a, y1: b, x2: c, y2: d, width: 0.5, grey: false });
        }
    }

    /// Opens a list: its structure node and its labels' width.
    fn list<'b>(
        &mut self,
        parent: usize,
        start: Option<u64>,
        items: &'b [Vec<Block>],
        x: f32,
        w: f32,
        depth: usize,
    ) -> List<'b> {
        let numbering = if start.is_some() { ListNumbering::Decimal } else { ListNumbering::Disc };
        let g = self.tree.group(parent, Tag::L(numbering));
        let widest = (0..items.len()).map(|i| FONTS.regular.width(&label(start, i), BODY)).fold(0.0, f32::max);
        // The labels keep their room while the column allows.
        let indent = step(w, (widest + 7.0).max(16.0)).max(widest + 2.0).min((w - 60.0).max(0.0));
        self.lists += 1;
        List { g, start, items, next: 0, x, w, indent, top: None, depth }
    }

    /// Ends the list item laid out last (an empty one still takes a line)
    /// and starts the next: its label drawn, the list to come back to and
    /// the item's blocks to lay out. `None` when the list is done.
    fn list_item<'b>(&mut self, mut list: List<'b>) -> Option<(List<'b>, Frame<'b>)> {
        if let Some(top) = list.top.take()
            && (self.pages.len(), self.y) == top
        {
            self.y += BODY * LEADING;
        }
        let Some(item) = list.items.get(list.next) else {
            self.lists -= 1;
            self.space(if self.lists > 0 { 0.0 } else { 4.0 });
            return None;
        };
        let (x, indent) = (list.x, list.indent);
        let li = self.tree.group(list.g, Tag::LI);
        let lbl = self.tree.group(li, Tag::Lbl);
        let body = self.tree.group(li, Tag::LBody);
        self.need(BODY * LEADING);
        let text = label(list.start, list.next);
        let seg = Seg { x: 0.0, text: format!("{text} "), style: Style::Regular, strike: false };
        let leaf = self.tree.leaf(lbl, self.pages.len() - 1);
        let width = FONTS.regular.width(&text, BODY);
        let lx = if list.start.is_some() {
            (x + indent - 5.0 - width).max(x)
        } else {
            x + (indent - width - 3.0).clamp(0.0, 4.0)
        };
        self.text(lx, self.y + BODY * ASCENT, &seg, BODY, Mark::Leaf(leaf));
        list.top = Some((self.pages.len(), self.y));
        list.next += 1;
        let (x, w) = (x + indent, list.w - indent);
        let blocks = Frame::Seq { parent: body, blocks: item, next: 0, x, w, depth: list.depth };
        Some((list, blocks))
    }

    fn table(&mut self, parent: usize, t: &Table, x: f32, w: f32) {
        let size = if t.facts { BODY } else { SMALL };
        let n = t.rows.iter().map(Vec::len).chain([t.head.len()]).max().unwrap_or(0);
        if n == 0 {
            return;
        }
        let (pad_x, pad_y) = if t.facts { (0.0, 1.5) } else { (4.0, 3.0) };
        let gutter = if t.facts { 14.0 } else { 0.0 };
        let empty = Cell { text: Vec::new(), header: false };
        let head: Vec<Inline> = if t.head.is_empty() {
            Vec::new()
        } else {
            (0..n).map(|j| t.head.get(j).cloned().unwrap_or_default()).collect()
        };
        let rows: Vec<Vec<&Cell>> =
            t.rows.iter().map(|r| (0..n).map(|j| r.get(j).unwrap_or(&empty)).collect()).collect();
        let (mut least, mut natural) = (vec![6.0f32; n], vec![6.0f32; n]);
        for cells in std::iter::once(head.iter().collect::<Vec<_>>())
            .chain(rows.iter().map(|r| r.iter().map(|c| &c.text).collect()))
        {
            for (j, text) in cells.into_iter().enumerate() {
                let (l, nat) = extent(text, size);
                least[j] = least[j].max(l);
                natural[j] = natural[j].max(nat);
            }
        }
        let avail = w - n as f32 * 2.0 * pad_x - gutter * (n as f32 - 1.0);
        let mut widths = columns(&least, &natural, avail);
        if t.facts && n > 1 {
            // Keys as wide as they need (at most 40 %), the values the rest.
            widths[0] = natural[0].min(avail * 0.4);
            widths[n - 1] = avail - widths[..n - 1].iter().sum::<f32>();
        }
        let mut xs = Vec::with_capacity(n);
        let mut at = x;
        for wj in &widths {
            xs.push(at + pad_x);
            at += wj + 2.0 * pad_x + gutter;
        }
        let right = at - gutter;
        let lh = size * LEADING;
        let table = self.tree.group(parent, Tag::Table);
        if let Some(caption) = &t.caption {
            let g = self.tree.group(table, Tag::Caption);
            let lines = break_lines(&super::blocks::bold(caption.clone()), size, w);
            self.need(lines.len() as f32 * lh + 3.0 * lh);
            self.lines(g, &lines, x, size);
            self.y += 2.0;
        }
        let head_lines: Vec<Vec<Line>> = head.iter().zip(&widths).map(|(c, wj)| break_lines(c, size, *wj)).collect();
        let head_h = head_lines.iter().map(Vec::len).max().unwrap_or(0) as f32 * lh + 2.0 * pad_y;
        let head_h = if head.is_empty() { 0.0 } else { head_h };
        let row_lines: Vec<Vec<Vec<Line>>> = rows
            .iter()
            .map(|r| r.iter().zip(&widths).map(|(c, wj)| break_lines(&c.text, size, *wj)).collect())
            .collect();
        let row_h = |r: &Vec<Vec<Line>>| r.iter().map(Vec::len).max().unwrap_or(0) as f32 * lh + 2.0 * pad_y;
        let first_h = row_lines.first().map_or(0.0, row_h);
        let all_h: f32 = row_lines.iter().map(row_h).sum();
        // A key–value list is not split unless it is longer than a page.
        self.need(head_h + if t.facts && all_h < BOTTOM - MARGIN_TOP { all_h } else { first_h });
        let rules = !t.facts;
        // The header row: in the structure tree once; drawn again as an artifact on each new page.
        let draw_head = |me: &mut Layout, cells: Option<&[usize]>| {
            let top = me.y;
            if rules {
                me.op(Op::Rule { x1: x, y1: top, x2: right, y2: top, width: 0.8, grey: false });
            }
            for (j, lines) in head_lines.iter().enumerate() {
                let mut y = top + pad_y;
                let mut any = false;
                for line in lines {
                    for seg in &line.segs {
                        let mark = match cells {
                            Some(cells) => Mark::Leaf(me.tree.leaf(cells[j], me.pages.len() - 1)),
                            None => Mark::Artifact(ArtifactType::PaginationOther),
                        };
                        me.text(xs[j], y + size * ASCENT, seg, size, mark);
                        any = true;
                    }
                    y += lh;
                }
                if let (false, Some(cells)) = (any, cells) {
                    me.empty_leaf(cells[j], xs[j], top + pad_y + size);
                }
            }
            me.y = top + head_h;
            if rules {
                me.op(Op::Rule { x1: x, y1: me.y, x2: right, y2: me.y, width: 0.5, grey: false });
            }
        };
        if !head.is_empty() {
            let thead = self.tree.group(table, Tag::THead);
            let tr = self.tree.group(thead, Tag::TR);
            let cells: Vec<usize> = (0..n).map(|_| self.tree.group(tr, Tag::TH(TableHeaderScope::Column))).collect();
            draw_head(self, Some(&cells));
        }
        let tbody = self.tree.group(table, Tag::TBody);
        for (row, lines) in rows.iter().zip(&row_lines) {
            let tr = self.tree.group(tbody, Tag::TR);
            let cells: Vec<usize> = row
                .iter()
                .map(|c| match c.header {
                    true => self.tree.group(tr, Tag::TH(TableHeaderScope::Row)),
                    false => self.tree.group(tr, Tag::TD),
                })
                .collect();
            let mut done = vec![0usize; n];
            let mut leaves = vec![false; n];
            loop {
                let left = lines.iter().zip(&done).map(|(l, d)| l.len() - d).max().unwrap_or(0);
                let room = ((BOTTOM - self.y - 2.0 * pad_y) / lh).floor().max(0.0) as usize;
                let fresh = BOTTOM - MARGIN_TOP - head_h - 2.0 * pad_y;
                if left > room && (room == 0 || left as f32 * lh <= fresh) && !self.at_top() {
                    self.new_page();
                    if !head.is_empty() {
                        draw_head(self, None);
                    }
                    continue;
                }
                let take = left.min(room.max(1));
                let top = self.y;
                for j in 0..n {
                    let mut y = top + pad_y;
                    let end = (done[j] + take).min(lines[j].len());
                    for line in &lines[j][done[j]..end] {
                        for seg in &line.segs {
                            let leaf = self.tree.leaf(cells[j], self.pages.len() - 1);
                            self.text(xs[j], y + size * ASCENT, seg, size, Mark::Leaf(leaf));
                            leaves[j] = true;
                        }
                        y += lh;
                    }
                    done[j] = end;
                }
                self.y = top + take as f32 * lh + 2.0 * pad_y;
                if done.iter().zip(lines).all(|(d, l)| *d == l.len()) {
                    break;
                }
                self.new_page();
                if !head.is_empty() {
                    draw_head(self, None);
                }
            }
            for j in (0..n).filter(|j| !leaves[*j]) {
                self.empty_leaf(cells[j], xs[j], self.y - pad_y);
            }
            if rules {
                self.op(Op::Rule { x1: x, y1: self.y, x2: right, y2: self.y, width: 0.3, grey: true });
            }
        }
    }

    /// An empty cell still has content (an empty marked sequence), so it stays in the tree.
    fn empty_leaf(&mut self, cell: usize, x: f32, y: f32) {
        let leaf = self.tree.leaf(cell, self.pages.len() - 1);
        let seg = Seg { x: 0.0, text: String::new(), style: Style::Regular, strike: false };
        self.text(x, y, &seg, SMALL, Mark::Leaf(leaf));
    }
}

/// The size and the space around a heading of `level`.
fn heading_metrics(level: u8) -> (f32, f32, f32) {
    match level {
        1 => (18.0, 0.0, 10.0),
        2 => (14.0, 14.0, 6.0),
        3 => (12.0, 10.0, 4.0),
        _ => (BODY, 8.0, 3.0),
    }
}

/// The height of `b` if it is (or starts with) a heading: what the heading
/// before it must be kept with.
fn leading_heading(mut b: &Block, w: f32) -> Option<f32> {
    loop {
        match b {
            Block::Heading { level, text, .. } => {
                let (size, before, after) = heading_metrics(*level);
                let runs: Inline = text.iter().map(|r| Run { style: heading_style(r.style), ..r.clone() }).collect();
                return Some(before + break_lines(&runs, size, w).len() as f32 * size * LEADING + after);
            }
            Block::Lang { blocks, .. } | Block::Quote(blocks) => b = blocks.first()?,
            _ => return None,
        }
    }
}

fn heading_style(s: Style) -> Style {
    if s == Style::Mono { Style::Mono } else { Style::Bold }
}

/// A line of code, cut where it is wider than `w` (spaces kept as written).
fn code_lines(line: &str, w: f32) -> Vec<Line> {
    let text = drawable(line, Style::Mono);
    let mut lines = vec![Line::default()];
    for c in text.chars() {
        let mut buf = [0u8; 4];
        let c = c.encode_utf8(&mut buf);
        let cw = FONTS.mono.width(c, CODE);
        if lines.last().is_some_and(|l| l.width > 0.0 && l.width + cw > w) {
            lines.push(Line::default());
        }
        lines.last_mut().expect("never empty").push(c, cw, Style::Mono, false);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::super::blocks::{bold, plain};
    use super::*;

    fn texts(lines: &[Line]) -> Vec<String> {
        lines.iter().map(Line::text).collect()
    }

    #[test]
    fn lines_break_at_spaces_and_keep_them() {
        let w = FONTS.regular.width("Kommunstyrelsen beslutar", BODY) + 1.0;
        let lines = break_lines(&plain("Kommunstyrelsen beslutar att anta planen."), BODY, w);
        assert_eq!(texts(&lines), ["Kommunstyrelsen beslutar ", "att anta planen."]);
        for l in &lines {
            assert!(l.width <= w + FONTS.regular.width(" ", BODY));
        }
    }

    #[test]
    fn forced_breaks_and_words_wider_than_a_line() {
        let lines = break_lines(&plain("a\nb"), BODY, 100.0);
        assert_eq!(texts(&lines), ["a", "b"]);
        let w = FONTS.regular.width("abc", BODY) + 0.5;
        let lines = break_lines(&plain("abcdefg"), BODY, w);
        assert_eq!(texts(&lines), ["abc", "def", "g"]);
    }

    #[test]
    fn styles_become_segments_at_their_offsets() {
        let mut runs = plain("Ett ");
        runs.extend(bold("fett"));
        runs.extend(plain(" ord"));
        let lines = break_lines(&runs, BODY, 500.0);
        let segs = &lines[0].segs;
        assert_eq!(segs.len(), 3);
        assert_eq!(segs[1].style, Style::Bold);
        assert!((segs[1].x - FONTS.regular.width("Ett ", BODY)).abs() < 0.01);
    }

    #[test]
    fn columns_fit_the_width() {
        assert_eq!(columns(&[10.0, 10.0], &[50.0, 60.0], 200.0), [50.0, 60.0]);
        let w = columns(&[10.0, 20.0], &[110.0, 220.0], 150.0);
        assert!((w.iter().sum::<f32>() - 150.0).abs() < 0.01);
        assert!(w[0] >= 10.0 && w[1] >= 20.0);
        let w = columns(&[100.0, 300.0], &[100.0, 300.0], 200.0);
        assert_eq!(w, [50.0, 150.0]);
    }

    /// The texts drawn on `page`: structure content, or artifacts.
    fn drawn(layout: &Layout, page: usize, artifacts: bool) -> Vec<String> {
        layout.pages[page]
            .iter()
            .filter_map(|op| match op {
                Op::Text { text, mark, .. } if matches!(mark, Mark::Artifact(_)) == artifacts => Some(text.clone()),
                _ => None,
            })
            .collect()
    }

    fn leaf_texts(layout: &Layout, page: usize) -> Vec<String> {
        drawn(layout, page, false)
    }

    fn artifact_texts(layout: &Layout, page: usize) -> Vec<String> {
        drawn(layout, page, true)
    }

    #[test]
    fn a_long_table_repeats_its_header_row_as_an_artifact() {
        let rows =
            (1..=120).map(|i| vec![Cell::row_header(format!("Rad {i}")), Cell::data(format!("{i} kr"))]).collect();
        let t = Table { caption: None, head: vec![bold("Post"), bold("Belopp")], rows, facts: false };
        let mut layout = Layout::new();
        layout.blocks(0, &[Block::Table(t)]);
        assert!(layout.pages.len() >= 3, "{} pages", layout.pages.len());
        // Page 1: the header as content; later pages: the same header as an artifact, first.
        assert_eq!(leaf_texts(&layout, 0)[..2], ["Post", "Belopp"]);
        for page in 1..layout.pages.len() {
            assert_eq!(artifact_texts(&layout, page), ["Post", "Belopp"], "page {page}");
            assert!(!leaf_texts(&layout, page).contains(&"Post".to_owned()));
        }
        // Every row once, in order, and nothing below the bottom margin.
        let all: Vec<String> = (0..layout.pages.len()).flat_map(|p| leaf_texts(&layout, p)).collect();
        let rads: Vec<&String> = all.iter().filter(|t| t.starts_with("Rad ")).collect();
        assert_eq!(rads.len(), 120);
        assert_eq!(rads[119], "Rad 120");
        for ops in &layout.pages {
            for op in ops {
                if let Op::Text { y, .. } = op {
                    assert!(*y <= BOTTOM + 0.01 && *y >= MARGIN_TOP, "{y}");
                }
            }
        }
        // The structure: Table → THead (1 TR) and TBody (120 TR).
        let kinds: Vec<String> =
            layout.tree.nodes.iter().filter_map(|n| n.0.as_ref()).map(|k| format!("{k:?}")).collect();
        assert_eq!(kinds.iter().filter(|k| k.starts_with("TR")).count(), 121);
    }

    #[test]
    fn a_row_taller_than_a_page_is_split_not_lost() {
        let long = (0..2000).map(|i| format!("ord{i}")).collect::<Vec<_>>().join(" ");
        let t = Table {
            caption: None,
            head: vec![bold("A"), bold("B")],
            rows: vec![vec![Cell::data("kort"), Cell::data(long.clone())]],
            facts: false,
        };
        let mut layout = Layout::new();
        layout.blocks(0, &[Block::Table(t)]);
        assert!(layout.pages.len() >= 2);
        let all: String = (0..layout.pages.len()).flat_map(|p| leaf_texts(&layout, p)).collect();
        assert!(all.contains("ord0 ") && all.contains("ord1999"));
    }

    #[test]
    fn a_heading_followed_by_headings_moves_with_them() {
        let mut layout = Layout::new();
        while layout.y < BOTTOM - 75.0 {
            layout.blocks(0, &[Block::Para(plain("Rad"))]);
        }
        let h = |level, t: &str| Block::Heading { level, text: plain(t), outline: false };
        // Alone, "Ärendet" and three lines would fit; with the sub-heading they would not.
        layout.blocks(0, &[h(3, "Ärendet"), h(4, "Bakgrund"), Block::Para(plain("Text"))]);
        assert_eq!(layout.pages.len(), 2);
        assert!(leaf_texts(&layout, 0).iter().all(|t| t == "Rad"), "{:?}", leaf_texts(&layout, 0));
        assert_eq!(leaf_texts(&layout, 1), ["Ärendet", "Bakgrund", "Text"]);
    }

    #[test]
    fn blocks_nested_deeper_than_the_limit_are_laid_out_flat() {
        // Built directly (not from Markdown, which is flattened before): 20 000 quotes.
        let mut b = Block::Para(plain("innerst"));
        for _ in 0..20_000 {
            b = Block::Quote(vec![b]);
        }
        let mut layout = Layout::new();
        layout.blocks(0, std::slice::from_ref(&b));
        assert_eq!(leaf_texts(&layout, 0), ["innerst"]);
        for op in &layout.pages[0] {
            if let Op::Text { x, .. } = op {
                assert!(*x + MIN_WIDTH <= PAGE_W - MARGIN_X + 0.01, "text at {x} leaves no column");
            }
        }
        let quotes = layout
            .tree
            .nodes
            .iter()
            .filter(|n| matches!(&n.0, Some(k) if format!("{k:?}").contains("BlockQuote")))
            .count();
        assert!(quotes <= MAX_DEPTH, "{quotes} quotes in the structure tree");
        // Dropping the nested blocks must not recurse either.
        let mut stack = vec![b];
        while let Some(b) = stack.pop() {
            if let Block::Quote(inner) = b {
                stack.extend(inner);
            }
        }
    }

    #[test]
    fn headings_are_kept_with_what_follows() {
        let mut layout = Layout::new();
        // Fill the page until a heading alone (14 pt before, one 14 pt line) would still fit, its next lines not.
        while layout.y < BOTTOM - 50.0 {
            layout.blocks(0, &[Block::Para(plain("Rad"))]);
        }
        assert_eq!(layout.pages.len(), 1);
        assert!(layout.y + 14.0 + 14.0 * LEADING < BOTTOM);
        layout.blocks(0, &[Block::Heading { level: 2, text: plain("§ 5 Rubrik"), outline: true }]);
        assert_eq!(layout.pages.len(), 2, "the heading moved to the next page");
        assert_eq!(layout.outline, [("§ 5 Rubrik".to_owned(), 1, MARGIN_TOP)]);
    }
}
