//! The list of diagnostic codes: one per rule of the content format.
//! The code is stable (tools match on it); the message id names the text in
//! `i18n/*/anslag.ftl` (`<id>` for the message, `<id>-help` for the help).

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Stops the build.
    Error,
    /// Printed; the build goes on.
    Warning,
}

macro_rules! codes {
    ($($variant:ident = $code:literal, $id:literal, $sev:ident;)*) => {
        /// A rule of the content format, with its stable code.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code { $($variant,)* }

        impl Code {
            /// All codes, in order (for documentation and catalogue tests).
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The stable code, e.g. `E009`.
            pub fn code(self) -> &'static str {
                match self { $(Code::$variant => $code,)* }
            }

            /// The message id in the catalogue, e.g. `unknown-field`.
            pub fn id(self) -> &'static str {
                match self { $(Code::$variant => $id,)* }
            }

            pub fn severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$sev,)* }
            }
        }
    };
}

codes! {
    NotUtf8 = "E001", "not-utf8", Error;
    ReadFailed = "E002", "read-failed", Error;
    FrontMatterMissing = "E003", "front-matter-missing", Error;
    FrontMatterUnclosed = "E004", "front-matter-unclosed", Error;
    YamlSyntax = "E005", "yaml-syntax", Error;
    DuplicateKey = "E006", "duplicate-key", Error;
    WrongType = "E007", "wrong-type", Error;
    MissingField = "E008", "missing-field", Error;
    UnknownField = "E009", "unknown-field", Error;
    DateFormat = "E010", "date-format", Error;
    DateNotReal = "E011", "date-not-real", Error;
    InvalidValue = "E012", "invalid-value", Error;
    InvalidNumber = "E013", "invalid-number", Error;
    BodyFolderName = "E014", "body-folder-name", Error;
    MeetingFolderName = "E015", "meeting-folder-name", Error;
    MeetingDateMismatch = "E016", "meeting-date-mismatch", Error;
    DuplicateNumber = "E017", "duplicate-number", Error;
    DocumentMissing = "E018", "document-missing", Error;
    DocumentOutside = "E019", "document-outside", Error;
    AdjustedBeforeMeeting = "E020", "adjusted-before-meeting", Error;
    PostedBeforeAdjusted = "E021", "posted-before-adjusted", Error;
    RemovalTooEarly = "E022", "removal-too-early", Error;
    IdentityNumber = "E023", "identity-number", Error;
    NotAdjusted = "E024", "board-date-without-adjusted", Error;
    PublicTitleMissing = "E025", "public-title-missing", Error;
    MissingFile = "E026", "missing-file", Error;
    UnexpectedFile = "E027", "unexpected-file", Error;
    UnknownBody = "E028", "unknown-body", Error;
    NoticeRemovalTooEarly = "E029", "notice-removal-too-early", Error;
    LinkOutside = "E030", "link-outside", Error;
    YamlTooComplex = "E031", "yaml-too-complex", Error;
    LegalGroundMissing = "E032", "legal-ground-missing", Error;
    AttachmentType = "E033", "attachment-type", Error;
    NoticeFileName = "E034", "notice-file-name", Error;
    ConfidentialAttachment = "E035", "confidential-attachment", Error;
    ReservedFileName = "E036", "reserved-file-name", Error;
    AdjustedAfterProtocol = "E037", "adjusted-after-protocol", Error;
    UnknownMeeting = "E038", "unknown-meeting", Error;
    UnknownProposalBody = "E039", "unknown-proposal-body", Error;
    StorageMissing = "E040", "storage-missing", Error;
    PostedBeforePublished = "E041", "posted-before-published", Error;
    PublishedParagraphGone = "E042", "published-paragraph-gone", Error;
    ControlCharacter = "E043", "control-character", Error;
    NotRegularFile = "E044", "not-regular-file", Error;
    LineBreakInField = "E045", "line-break-in-field", Error;
    FieldTooLong = "E046", "field-too-long", Error;
    BaseUrlNotAbsolute = "E047", "base-url-not-absolute", Error;
    FileNameNotUtf8 = "E048", "file-name-not-utf8", Error;
    MarkdownTooDeep = "E049", "markdown-too-deep", Error;
    IdentityNumberInAttachment = "E050", "identity-number-in-attachment", Error;
    ThemeMissing = "E051", "theme-missing", Error;
    BrandFileMissing = "E052", "brand-file-missing", Error;
    BrandFileType = "E053", "brand-file-type", Error;
    LogoSvgUnsafe = "E054", "logo-svg-unsafe", Error;
    LogoAltMissing = "E055", "logo-alt-missing", Error;
    AccentFormat = "E056", "accent-format", Error;
    AccentContrast = "E057", "accent-contrast", Error;
    ThemeTemplateBroken = "E058", "theme-template-broken", Error;
    PostedLate = "W001", "posted-late", Warning;
    NumberGap = "W002", "number-gap", Warning;
    NumberSequence = "W003", "number-sequence", Warning;
    IgnoredFile = "W005", "ignored-file", Warning;
    UnknownCodeLanguage = "W006", "unknown-code-language", Warning;
    LinkTargetMissing = "W007", "link-target-missing", Warning;
    AnnouncedLate = "W008", "announced-late", Warning;
    AdjustedLate = "W009", "adjusted-late", Warning;
    ChangedWithoutCorrection = "W010", "changed-without-correction", Warning;
    AttachmentNotScanned = "W011", "attachment-not-scanned", Warning;
    OrgNumber = "W012", "org-number", Warning;
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn codes_and_ids_are_unique() {
        let codes: BTreeSet<_> = Code::ALL.iter().map(|c| c.code()).collect();
        let ids: BTreeSet<_> = Code::ALL.iter().map(|c| c.id()).collect();
        assert_eq!(codes.len(), Code::ALL.len());
        assert_eq!(ids.len(), Code::ALL.len());
        for c in Code::ALL {
            let warning = c.code().starts_with('W');
            assert_eq!(warning, c.severity() == Severity::Warning, "{c:?}");
        }
    }

    /// The clerks' handbook explains every code, under a heading of its own
    /// (`### E005 – …`), and no code that does not exist.
    #[test]
    fn the_handbook_explains_every_code() {
        let doc = include_str!("../../docs/handbok/felkoder.md");
        let headings: BTreeSet<&str> =
            doc.lines().filter_map(|l| l.strip_prefix("### ")).filter_map(|h| h.split_whitespace().next()).collect();
        let codes: BTreeSet<&str> = Code::ALL.iter().map(|c| c.code()).collect();
        let missing: Vec<_> = codes.difference(&headings).collect();
        assert!(missing.is_empty(), "docs/handbok/felkoder.md does not explain {missing:?}");
        let unknown: Vec<_> = headings.difference(&codes).collect();
        assert!(unknown.is_empty(), "docs/handbok/felkoder.md explains codes that do not exist: {unknown:?}");
    }
}
