//! A small front to quick-xml's writer: every text and attribute value is
//! escaped by the crate; nothing here builds XML from strings.

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use std::io;

/// An XML document being written, indented by one space.
pub struct Xml(Writer<Vec<u8>>);

impl Xml {
    /// A new document with its `<?xml version="1.0" encoding="UTF-8"?>`.
    pub fn new() -> io::Result<Xml> {
        let mut w = Writer::new_with_indent(Vec::new(), b' ', 1);
        w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        Ok(Xml(w))
    }

    pub fn start(&mut self, name: &str, attrs: &[(&str, &str)]) -> io::Result<()> {
        self.0.write_event(Event::Start(BytesStart::new(name).with_attributes(attrs.iter().copied())))
    }

    pub fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) -> io::Result<()> {
        self.0.write_event(Event::Empty(BytesStart::new(name).with_attributes(attrs.iter().copied())))
    }

    pub fn end(&mut self, name: &str) -> io::Result<()> {
        self.0.write_event(Event::End(BytesEnd::new(name)))
    }

    /// `<name attrs>text</name>`.
    pub fn leaf(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) -> io::Result<()> {
        self.start(name, attrs)?;
        self.0.write_event(Event::Text(BytesText::new(text)))?;
        self.end(name)
    }

    /// The document's bytes, ending with a newline.
    pub fn finish(self) -> Vec<u8> {
        let mut bytes = self.0.into_inner();
        bytes.push(b'\n');
        bytes
    }
}
