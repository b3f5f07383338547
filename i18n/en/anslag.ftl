# anslag: messages in English. Every id here must exist in ../sv/anslag.ftl too.
# Arguments are strings. Keep `{$field}`-style names identical in both files.

## Diagnostics: `<id>` is what is wrong, `<id>-help` how to fix it.

not-utf8 = the file is not UTF-8: the first bad byte is here
not-utf8-help = Save the file as UTF-8 (in most editors: "Save as" → encoding "UTF-8"). anslag never guesses an encoding.
read-failed = the file could not be read: {$reason}
read-failed-help = Check that the file exists and that you may read it.
front-matter-missing = the file does not start with front matter
front-matter-missing-help = Start the file with a line `---`, then the fields (such as `title: …`), then another line `---`, then the text.
front-matter-unclosed = the front matter is never closed
front-matter-unclosed-help = Add a line with only `---` after the last field, before the text.
yaml-syntax = malformed YAML: { $kind ->
    [missing-space] a space is needed after the colon of `{$key}:`
    [tab] a tab character in the indentation, where YAML needs spaces
    [unclosed-quote] the quotation mark that opens here is never closed on its line
    [after-quote] text after the closing quotation mark
    [unclosed-bracket] a `[` or `{"{"}` is never closed, or a comma is missing
    [colon] a `: ` where YAML does not expect a new field (text with a colon must be quoted)
    [indentation] { $expected_indent ->
        [none] the indentation does not line up with the fields above
       *[other] the line is indented by { $indent ->
            [one] 1 space
           *[other] {$indent} spaces
        }, but the fields of its block are indented by { $expected_indent ->
            [one] 1 space
           *[other] {$expected_indent} spaces
        } (as on the line shown below)
    }
    [block-scalar] the text under `|` or `>` is not indented more than its field
    [no-colon] a line that is neither `field: value` nor part of the text above it
    [special-start] a value starts with a character YAML reserves (such as `@`, `` ` ``, `%`, `&`, `*`, `!` or `-`)
    [unprintable] an invisible control character that YAML does not allow
    [escape] an unknown escape such as `\x` inside double quotes
    [alias] an alias (`*name`) refers to no anchor, or an anchor is used twice
    [documents] a second `---` inside the front matter
   *[other] reading stopped here ({$reason})
}
yaml-syntax-help = { $kind ->
    [missing-space] Write a space after the colon: `{$fix}`.
    [tab] { $fix ->
        [none] Replace the tabs at the start of the line with spaces, as many as the lines around it have.
       *[other] Indent the line with { $expected_indent ->
            [one] 1 space
           *[other] {$expected_indent} spaces
        } instead of the tab: `{$fix}`. Set the editor to insert spaces for the Tab key.
    }
    [unclosed-quote] { $fix ->
        [none] End the text with the same quotation mark it starts with.
       *[other] End the text with the same quotation mark on the same line: `{$fix}`.
    }
    [after-quote] Put the whole text inside the quotation marks, or leave them out.
    [colon] { $fix ->
        [none] Put the text in quotation marks, e.g. title: "Budget: 2024".
       *[other] Put the text in quotation marks: `{$fix}`.
    }
    [indentation] Indent the line as far as the other fields of the same block (with spaces, not tabs); a field of a list entry lines up with the entry's first field after `- `.
    [block-scalar] Indent every line of the text under `field: |` by at least two spaces more than the field.
    [no-colon] Write the field as `field: value`; text that goes on over several lines is written with `|` (e.g. `decision: |`) and indented lines below it.
    [special-start] Put the value in quotation marks, e.g. title: "@kommunen".
   *[other] Check indentation (spaces, not tabs), that every `key: value` has a space after the colon, and quote text that contains `: ` or starts with a special character, e.g. title: "Budget: 2024".
}
duplicate-key = the field `{$field}` is given twice
duplicate-key-help = Keep one of them; YAML does not allow the same field twice in one place.
wrong-type = `{$field}` must be { $expected ->
    [list] a list of text
    [mapping] a set of fields (`key: value` lines)
    [list-of-mappings] a list of entries, each a set of fields
   *[text] text
}
wrong-type-help = { $expected ->
    [list] Write one item per line, each starting with `- `, or [A, B] on one line.
    [mapping] Write the fields indented on the lines below `{$field}:`.
    [list-of-mappings] Write each entry as `- ` followed by its fields, indented.
   *[text] Write the text right after `{$field}: `; quote it if it starts with `[`, `{"{"}` or `-`.
}
missing-field = the required field `{$field}` is missing
missing-field-help = Add a line `{$field}: …` to this file.
unknown-field = unknown field `{$field}`{ $suggestion ->
    [none] {""}
   *[other] { $via ->
        [swedish] : field names are English, `{$field}` is `{$suggestion}`
       *[other] , did you mean `{$suggestion}`?
    }
}
unknown-field-help = { $suggestion ->
    [none] Remove it, or check the spelling against the content format. Known fields here: {$known}.
   *[other] Rename it to `{$suggestion}`, or remove it. Known fields here: {$known}.
}
date-format = `{$value}` is not a date in the form YYYY-MM-DD
date-format-help = Write the date as year-month-day with four, two and two digits, e.g. 2023-10-06.
date-not-real = `{$value}` is not a real date: { $problem ->
    [month] there is no month {$month}
    [year] there is no year 0000
   *[day] {$month} has only {$days} days
}
date-not-real-help = Check the year, month and day; the calendar has no such day.
invalid-value = `{$value}` is not a valid `{$field}`
invalid-value-help = Use one of: {$allowed}.
invalid-number = `{$value}` is not a valid `{$field}`: it must be a whole number from {$min}
invalid-number-help = Write a whole number without spaces or letters, e.g. `{$field}: {$example}`.
body-folder-name = { $reserved ->
    [yes] the body folder name `{$name}` is used by the site itself
   *[no] the body folder name `{$name}` is not a slug
}
body-folder-name-help = Rename the folder to `{$suggestion}`: only a–z, 0–9 and `-` are allowed (no å, ä, ö, capitals or spaces).
meeting-folder-name = the meeting folder name `{$name}` is not YYYY-MM-DD or YYYY-MM-DD-<suffix>
meeting-folder-name-help = Name the folder after the meeting date, e.g. `2023-10-02`, or `2023-10-02-extra` for a second meeting that day (suffix: a–z, 0–9, `-`).
meeting-date-mismatch = the meeting date {$date} differs from the folder's date {$folder}
meeting-date-mismatch-help = Make `date` and the folder name agree: either `date: {$folder}` or rename the folder.
duplicate-number = § {$number} appears twice in this meeting
duplicate-number-help = Give one of the two paragraphs another number; the other one is in {$other}.
related-first-here = § {$number} is also here
related-confidential-here = the confidential paragraph refers to it here
related-indent-here = a line of the same block, indented as it should be
related-first-key = first given here
document-missing = the document file `{$file}` does not exist
document-missing-help = Put the file at `{$expected}` in the content folder (paths are relative to the meeting folder), or correct `file`.
document-outside = the document file `{$file}` is outside the content folder
document-outside-help = Copy the file into the meeting folder (e.g. `bilagor/`) and refer to it from there; anslag never reads files outside content/.
adjusted-before-meeting = { $of ->
    [paragraph] the paragraph
   *[protocol] the protocol
} is adjusted ({$adjusted}) before the meeting was held ({$date})
adjusted-before-meeting-help = A protocol is adjusted on or after the meeting day; check `adjusted` and `date`.
posted-before-adjusted = the notice is posted ({$posted}) before the protocol was adjusted ({$adjusted})
posted-before-adjusted-help = The notice of adjustment can only go up on or after the day of adjustment; set `posted` to {$adjusted} or later.
removal-too-early = the notice is removed ({$removal}) before the appeal period has ended (last day to appeal: {$last_day})
removal-too-early-help = The notice must stay up through the last day to appeal (Kommunallagen 8 kap. 12 §). Set `removal` to {$earliest} or later, or remove the line to get that date by default.
identity-number = a personal identity number is in published text{ $in ->
    [file-name] : the file name (the notice's address)
   *[text] {""}
}
identity-number-help = { $in ->
    [file-name] Rename the file without the number.
   *[text] Remove the number or mask it (e.g. 19121212-XXXX).
} Personnummer and samordningsnummer are never published.
board-date-without-adjusted = `{$field}` is given but { $of ->
    [paragraph] the paragraph
   *[protocol] the protocol
} has no `adjusted` date
board-date-without-adjusted-help = The notice goes up only after adjustment: add `adjusted: YYYY-MM-DD`, or remove `{$field}`.
public-title-missing = a confidential paragraph needs a `public_title`
public-title-missing-help = Add `public_title: …` (e.g. `public_title: Individärende`): it is published instead of the title.
missing-file = `{$file}` is missing in this folder
missing-file-help = Create `{$file}`; see the content format for its fields.
unexpected-file = `{$file}` is not in a place where anslag reads it
unexpected-file-help = { $where ->
    [root] Only `site.yaml`, `notices/` and body folders belong directly in the content folder.
    [body] A body folder holds `_body.yaml` and meeting folders (YYYY-MM-DD).
   *[meeting-sub] Paragraph files (.md) belong directly in the meeting folder; folders below it hold attachments only.
}
unknown-body = there is no body with the slug `{$slug}`{ $suggestion ->
    [none] {""}
   *[other] , did you mean `{$suggestion}`?
}
unknown-body-help = Use the folder name of one of the bodies: {$known}.
notice-removal-too-early = the notice is removed ({$removal}) on or before the day it is posted ({$posted})
notice-removal-too-early-help = Set `removal` to a day after `posted`.
link-outside = `{$file}` is a link to a place outside the content folder
link-outside-help = Replace the link with a copy of the file; anslag never reads files outside content/.
yaml-too-complex = { $problem ->
    [depth] the front matter nests more than {$limit} levels deep
   *[size] the front matter is too large: with aliases expanded it has more than {$limit} values
}
yaml-too-complex-help = Write the fields out plainly, without YAML anchors and aliases that repeat large parts.
legal-ground-missing = `confidential` is given without the legal ground
legal-ground-missing-help = Write the ground of secrecy, e.g. `confidential: 26 kap. 1 § OSL`; if the paragraph is public, remove the line.
unknown-code-language = the code language `{$lang}` is not known; the block is shown as plain text
unknown-code-language-help = Use a common name such as `yaml`, `json`, `xml`, `sql`, `python`, `bash` or `text`, or leave the language out.
attachment-type = the document file `{$file}` is of a type that a browser would run as part of the site ({ $how ->
    [content] its content is {$ext}
   *[name] .{$ext}
})
attachment-type-help = Publish the document as PDF (or another document format); HTML, SVG, scripts and XML could run scripts on the municipality's site or take the place of a page.
notice-file-name = the notice file name `{$name}` is not a slug; it becomes the notice's address
notice-file-name-help = Rename the file to `{$suggestion}.md`: only a–z, 0–9 and `-` are allowed.
confidential-attachment = the file `{$file}` is a confidential paragraph's file ({$other}), or a copy of it, and would be published here
confidential-attachment-help = Nothing of a confidential paragraph is published, under any name or path. Publish a version without the confidential parts as a file of its own, or remove the reference here.
reserved-file-name = the file name `{$file}` in the meeting folder is taken: anslag puts the protocol as PDF there
reserved-file-name-help = Rename the file, e.g. `protokoll-undertecknat.pdf`, and correct links to it. anslag makes `protokoll.pdf` from the protocol itself.
link-target-missing = the link `{$url}` points to a file that is not in the meeting folder
link-target-missing-help = Paths in links are relative to the meeting folder, like a document's `file:` (e.g. `bilagor/plan.pdf`). Put the file there or correct the link; as it is, the link would lead nowhere.
posted-late = the notice is posted {$posted}, after the limit {$limit} (adjusted {$adjusted} + { $days ->
    [one] 1 day
   *[other] {$days} days
}, moved past weekends and holidays)
posted-late-help = The adjustment is to be announced on the notice board { $days ->
    [0] on the day of adjustment
    [one] within 1 day
   *[other] within {$days} days
} (Kommunallagen 8 kap. 12 §, `post_within_days` in site.yaml). Check `posted`; if it is right, nothing needs fixing.
number-gap = § {$previous} is followed by § {$number} in this meeting
number-gap-help = { $count ->
    [one] Paragraph {$missing} is missing.
   *[other] Paragraphs {$missing} are missing.
} Check that no file is missing or misnumbered.
number-sequence = this meeting starts at § {$number}, but the body's numbering in {$year} leads to § {$expected}
number-sequence-help = { $previous ->
    [none] The year's first meeting of a body starts at § 1.
   *[other] The previous meeting ({$previous}) ended at § {$last}; this one should start at § {$expected}.
}
storage-missing = the adjusted protocol does not say where it is kept
storage-missing-help = Add `storage: …` (e.g. `storage: Kommunledningskontoret`) to _meeting.md, to the body's _body.yaml or as `notice_board.storage` in site.yaml: the notice must say where the protocol is kept (Kommunallagen 8 kap. 12 §).
ignored-file = `{$file}` is ignored: { $why ->
    [linked-folder] links to folders are not followed
   *[outside-meeting] files outside meeting and notice folders are not published
}
ignored-file-help = { $why ->
    [linked-folder] Copy the folder's files into the meeting folder instead of linking to them.
   *[outside-meeting] Move it into a meeting folder if a paragraph refers to it, or remove it.
}


## Command line

help-label = help

cli-about = Publishes a municipality's meeting protocols and its digital notice board.
cli-usage-heading = Usage
cli-options-heading = Options
cli-commands-heading = Commands
cli-check-about = Reads and checks the content without writing anything; prints every problem.
cli-content = The content folder [default: content]
cli-today = The build's date, YYYY-MM-DD [default: today's local date]
cli-lang = Language of messages: sv or en [default: from LC_ALL, LC_MESSAGES, LANG]
cli-message-format = How to print problems: human or json
cli-color = When to use colour: auto, always or never
cli-help = Print help
cli-version = Print version
cli-exit-codes = Exit codes: 0 ok (warnings allowed), 1 errors in the content, 2 wrong usage, 3 I/O or internal error.
cli-usage-error = The command line is not right (see `anslag --help`):
cli-usage = anslag [OPTIONS] <COMMAND>
cli-check-usage = anslag check [OPTIONS]
cli-content-value = DIR
cli-today-value = YYYY-MM-DD
cli-lang-value = LANG
cli-message-format-value = FORMAT
cli-color-value = WHEN
cli-error-unknown-argument = error: unknown argument `{$arg}`
cli-error-invalid-value = error: `{$value}` is not a valid value for {$arg}; possible values: {$valid}
cli-error-unknown-command = error: unknown command `{$command}`
cli-error-missing-command = error: give a command, e.g. `anslag check`
cli-see-help = For more, see `anslag --help`.
cli-build-about = Checks the content and writes the site; nothing is written if there is an error.
cli-build-usage = anslag build [OPTIONS]
cli-output = The output folder, replaced as a whole when the build succeeds [default: output]
cli-output-value = DIR
cli-base-url = The site's address, instead of `base_url` in site.yaml
cli-base-url-value = URL
cli-no-pdf = Leave out the protocol PDFs and their links (a quicker build while drafting, or where the protocols are published as PDF elsewhere)
built = Built { $pages ->
    [one] 1 page
   *[other] {$pages} pages
} and copied { $attachments ->
    [0] no attachments
    [one] 1 attachment
   *[other] {$attachments} attachments
} into {$path}.
up-to-date = {$path} is up to date: nothing the build reads has changed since the last build.
error-theme = The theme cannot render the site: {$reason}
error-output-not-ours = {$path} is not empty and was not written by anslag, so it is not replaced. Choose a new or empty folder with --output (a folder anslag wrote holds the file .anslag-output).
error-output-busy = Another build is writing next to {$path} right now; try again when it has finished.
error-build = The site could not be written; the previous output is untouched: {$reason}
error-output-in-content = The output folder {$path} is inside the content folder; anslag never writes there. Choose another --output.
cli-serve-about = Shows the site on this computer while you edit, rebuilt on every save; writes nothing.
cli-serve-usage = anslag serve [OPTIONS]
cli-bind = The address to listen on [default: 127.0.0.1, this computer only]
cli-bind-value = IP
cli-port = The port [default: 1111; 0 picks a free one]
cli-port-value = PORT
cli-poll = Watch for changes by polling (for network shares and WSL)
serving = Serving the site at {$url} (Ctrl-C stops).
error-serve = The preview could not run: {$reason}
cli-bad-today = `{$value}` is not a date YYYY-MM-DD for --today
error-content-dir = cannot read the content folder {$path}: {$reason}
summary = { $errors ->
    [0] no errors
    [one] 1 error
   *[other] {$errors} errors
}, { $warnings ->
    [0] no warnings
    [one] 1 warning
   *[other] {$warnings} warnings
}; { $bodies ->
    [one] 1 body
   *[other] {$bodies} bodies
}, { $meetings ->
    [one] 1 meeting
   *[other] {$meetings} meetings
}, { $paragraphs ->
    [one] 1 paragraph
   *[other] {$paragraphs} paragraphs
}

cli-export-about = Writes one archive package (E-ARK SIP 2.1, FGS Paketstruktur 2.0) per adjusted meeting; nothing is written if the content has an error.
cli-export-usage = anslag export [OPTIONS]
cli-out = The folder the packages (<OBJID>.zip) are written to; a package of the same name is replaced [default: export]
cli-out-value = DIR
cli-meeting = Only this meeting, as BODY/FOLDER, e.g. socialnamnden/2026-11-18 (may be given more than once) [default: every adjusted meeting]
cli-meeting-value = BODY/FOLDER
cli-include-confidential = Also put the source files and attachments of confidential paragraphs in the packages, as written (for an archive that keeps the full record)
exported = { $count ->
    [one] Wrote 1 package to {$path}.
   *[other] Wrote {$count} packages to {$path}.
}
error-export = The packages could not be written: {$reason}
error-export-unknown-meeting = There is no meeting {$meeting}. Give --meeting as BODY/FOLDER, the body's folder and the meeting's folder in the content folder, e.g. socialnamnden/2026-11-18.
error-export-not-adjusted = The meeting {$meeting} is not adjusted on the export's date, so it has no protocol to archive yet. Set `adjusted:` in its _meeting.md, or choose a later --today.
error-export-out-in-content = The folder {$path} is inside the content folder; anslag never writes there. Choose another --out.
adjusted-after-protocol = the paragraph is adjusted ({$adjusted}) after the protocol ({$protocol})
adjusted-after-protocol-help = A paragraph adjusted on its own (omedelbar justering) is adjusted at the meeting or at the latest with the rest of the protocol; set the paragraph's `adjusted` to {$protocol} or earlier, or remove the line if it was adjusted with the protocol.
unknown-meeting = there is no meeting `{$meeting}`{ $suggestion ->
    [none] {""}
   *[other] , did you mean `{$suggestion}`?
}
unknown-meeting-help = Write `meeting: <body>/<meeting folder>`, e.g. `meeting: kommunfullmaktige/2026-12-14`, with the folder names under content/.
unknown-proposal-body = there is no body with the slug `{$slug}`{ $suggestion ->
    [none] {""}
   *[other] , did you mean `{$suggestion}`?
}
unknown-proposal-body-help = `proposal_to` is the folder name of the body the proposal goes to ({$known}), or the body's name as free text if it is not under content/ (e.g. `Region Värmland`).
announced-late = the kungörelse is posted {$posted}, less than one week before the fullmäktige meeting of {$date}
announced-late-help = Fullmäktige meetings must be announced on the notice board at least one week before the meeting day (Kommunallagen 5 kap. 56 §), by {$latest}. Otherwise the meeting's decisions can be quashed on appeal. Check `posted`; if it is right, the meeting should be moved or announced again.
adjusted-late = the protocol is adjusted {$adjusted}, more than { $days ->
    [one] 1 day
   *[other] {$days} days
} after the meeting of {$date}
adjusted-late-help = The protocol is to be adjusted within fourteen days of the meeting (Kommunallagen 6 kap. 35 §). Check `adjusted`; if it is right, nothing needs fixing.
posted-before-published = the notice “{$notice}” says it was posted {$posted}, but it was first published {$published}
posted-before-published-help = Set `posted: {$published}`: the appeal period runs from the day the notice really went up on the board (the publishing record, data/anslagsbevis.json, shows the day).
published-paragraph-gone = § {$number} of {$meeting} was published {$published}, but its file ({$file}) is gone
published-paragraph-gone-help = Nothing published may vanish silently. Put the file back and withdraw the paragraph with `withdrawn: {"{"}date: YYYY-MM-DD, reason: …{"}"}`; only its number, title and the reason are then shown.
changed-without-correction = {$what} has changed since it was published ({$published}), without a new correction
changed-without-correction-help = The change shows on the site and goes into the publishing record. Describe it with a new entry under `corrections:` (`- date: YYYY-MM-DD` and `text: …`) so that readers see what was corrected.
error-record = The publishing record could not be read or written: {$reason}
cli-journal = The publishing record (anslagsbevis) the kommun keeps safe: read, and written back by a build on the real date
cli-journal-value = FILE
control-character = an invisible control character ({$code}) is in published text
control-character-help = Remove the invisible character (it often comes along when text is pasted from a word processor). It makes feeds invalid XML and shows as nothing or a box.
error-output-not-a-folder = {$path} is not a folder (a file or a link): anslag writes the site into a folder only and never moves or replaces anything else. Give another `--output`.
not-regular-file = `{$file}` is not a regular file (a named pipe, a socket or a device) and is not read
not-regular-file-help = Remove it from the content folder; only regular files and folders belong there.
# serve hardening
preview-badge = preview, build
overlay-errors = anslag: errors – showing the last good build
overlay-errors-no-site = anslag: errors – the site cannot be shown until they are fixed
preview-no-site-title = The site cannot be shown yet
preview-no-site-intro = The content has errors, listed below with the file, line and column of each. Fix them and save: this page reloads by itself.
overlay-warnings = anslag: warnings
overlay-left-out = (not shown)
overlay-confidential-note = Not shown here: the help, and the source lines in a confidential paragraph. The terminal where anslag serve runs shows them.
preview-search-stale = Preview: the search index is being rebuilt after the latest change. Until it is ready, results may be from an earlier version (reload the page in a moment).
serve-bad-request = Bad request: this is not an address of the site.
serve-misdirected = This preview answers only to localhost, 127.0.0.1, [::1] and the address given with --bind. Open it at one of those addresses.
line-break-in-field = `{$field}` belongs on one line but has a line break
line-break-in-field-help = Write the text on one line after `{$field}:` (without `|` or `>`); a name or title is shown on one line everywhere, the protocol's PDF included.
field-too-long = `{$field}` is {$length} characters long; at most {$max} are possible
field-too-long-help = Shorten the text. Longer text belongs in the paragraph's description (the text after `---`).
base-url-not-absolute = `base_url` ({$value}) is not a full address{ $problem ->
    [host] : it has no valid host name
    [ascii] : its host name has letters such as å, ä or ö
   *[scheme] {""}
}
base-url-not-absolute-help = { $problem ->
    [ascii] Write the host name in its `xn--` form (as the domain registrar gives it, e.g. `https://www.xn--exempelby-e3a.se/`): feeds and calendars name the site by it.
   *[other] Write the whole address with `https://`, e.g. `base_url: https://www.exempelby.se/protokoll/`; feeds, calendars, the sitemap and links in the PDF need it.
}
file-name-not-utf8 = the name `{$file}` is not UTF-8 and cannot be read safely
file-name-not-utf8-help = Rename the file or folder (it probably comes from an older system); two such names could otherwise read as the same name.
cli-bad-base-url = `--base-url {$value}` is not a full address{ $problem ->
    [ascii] : write its host name in the `xn--` form
   *[other] ; write it with `https://`, e.g. `https://www.exempelby.se/protokoll/`
}.

# export names
error-export-unsafe-entry = anslag made the file name {$name} in a package, which is not safe to unpack; the package was not written. This is a bug in anslag: please report it.
identity-number-in-attachment = the attachment `{$file}` holds a personal identity number { $where ->
    [file-name] in its file name
    [page] { $count ->
        [one] on page {$places}
       *[other] on pages {$places}
    }
    [part] { $count ->
        [one] in document part {$places}
       *[other] in document parts {$places}
    }
   *[text] in its text
}
identity-number-in-attachment-help = Attachments are published as they are. Mask the number in the document (e.g. 19121212-XXXX) and save it again, or rename the file; personal identity and coordination numbers are never published.
attachment-not-scanned = the attachment `{$file}` could not be read as text and was not checked for identity numbers ({$why})
attachment-not-scanned-help = Check yourself that it holds no identity number, or publish it as a searchable PDF (not a scanned image) so that anslag checks it.

# markdown depth
markdown-too-deep = { $kind ->
    [html] raw HTML elements are nested more than {$limit} deep here
   *[blocks] block quotes and lists are nested more than {$limit} levels deep here
}
markdown-too-deep-help = { $kind ->
    [html] Close the HTML elements (`</span>`) or leave them out: at most {$limit} may be open inside each other in one paragraph or HTML block.
   *[blocks] Nest at most {$limit} levels of `>` and lists (counted together); write deeper levels as ordinary paragraphs.
} Text nested deeper cannot be shown or made into the protocol's PDF safely.

# themes
theme-missing = there is no theme `{$name}`{ $suggestion ->
    [none] {""}
   *[other] , did you mean `{$suggestion}`?
}
theme-missing-help = A theme is a folder `themes/{$name}/` beside the content folder (with `templates/` or `static/style.css`). Create it, correct the name (themes there: {$known}), or remove the line to use the default theme.
theme-template-broken = the template `{$template}` of the theme `{$theme}` cannot be used: {$reason}
theme-template-broken-help = Correct the template at the line and column given (Tera templates, see docs/theme.md), or remove the file from `themes/{$theme}/templates/` to use the default theme's template instead.

## anslag init, anslag help, --quiet and the progress indicator

cli-arguments-heading = Arguments
cli-init-about = Writes a content folder to start from: site.yaml with explanations, one body, one adjusted meeting of two paragraphs and one notice. Writes only into a new or empty folder.
cli-init-usage = anslag init [OPTIONS] [DIR]
cli-dir = The folder to write; it must not exist or be empty [default: --content, that is content]
cli-dir-value = DIR
cli-municipality = The municipality's name in site.yaml [default: Exempelby kommun]
cli-municipality-value = NAME
cli-help-about = Prints the help of a command.
cli-help-usage = anslag help [COMMAND]
cli-command = The command whose help is printed [default: anslag itself]
cli-command-value = COMMAND
cli-quiet = Leave out the summary lines (problems and errors are still printed)
cli-see-command-help = For more, see `anslag {$command} --help`.
init-done = Wrote a new content folder in {$path}: site.yaml, the body kommunstyrelsen with one adjusted meeting ({$meeting}) of two paragraphs, and one notice. Replace what is marked ÄNDRA (change) in site.yaml, then check with `{$check}` and build the site with `{$build}`.
init-not-empty = {$path} already exists and is not empty. anslag init writes only into a new or empty folder and never changes anything that exists; nothing was written. Give another folder, e.g. `anslag init new-folder`.
init-not-a-folder = {$path} already exists and is not a folder; nothing was written. Give a new or empty folder.
init-bad-municipality = `--municipality` cannot be the municipality's name: { $why ->
    [empty] the name is empty
    [too-long] the name is longer than {$max} characters
    [control] the name has a line break or an invisible control character
   *[identity-number] the name holds a personal identity number
}. Nothing was written.
init-failed = The content folder could not be written, and what was written is removed again: {$reason}
progress-checking = Reading and checking the content
progress-building = Writing the site
progress-exporting = Writing the archive packages

# branding
brand-file-missing = the file `{$file}` named in `{$field}` is not in the content folder's `{$dir}/` folder
brand-file-missing-help = Put the file in `content/{$dir}/` and write its path from the content folder, e.g. `{$field}: {$dir}/logo.svg`. Only files there are published as the site's own.
brand-file-type = `{$file}` cannot be the site's {$field} ({ $how ->
    [content] its content is not what its name says
   *[name] its type is not one of {$allowed}
})
brand-file-type-help = Allowed: {$allowed}, with content that matches the name (a PNG that is a PNG). Save the file in one of these formats and name it so.
logo-svg-unsafe = the SVG logo `{$file}` holds {$what}, which could run a script or load something from elsewhere on the municipality's site
logo-svg-unsafe-help = A logo may only draw: shapes, text, gradients and styles, with links only inside the file (`#id`). Export the logo again as plain SVG (no scripts, no embedded or linked images or fonts) or as PNG.
logo-alt-missing = the logo `{$file}` has no alternative text
logo-alt-missing-help = Add `logo_alt:` under `branding:` with what the logo shows, e.g. `logo_alt: Exempelby kommuns vapen`. Screen readers read it (WCAG 2.1, 1.1.1).
accent-format = the accent colour `{$value}` is not written as `#rrggbb`{ $why ->
    [comment] : unquoted, YAML reads `#` as the start of a comment
   *[format] {""}
}
accent-format-help = Write six hexadecimal digits after `#`, in quotes: `accent: "#0b5394"`.
accent-contrast = the accent colour `{$value}` has a contrast of {$ratio}:1 against {$background} ({$variable}), below {$needed}:1
accent-contrast-help = The default theme colours links with the accent, on the page and on its grey and yellow boxes; text needs at least {$needed}:1 (WCAG 2.1, 1.4.3). Choose a darker shade of the colour, e.g. from the municipality's graphic profile.

# organisation number
org-number = `{$value}` is not an organisationsnummer ({ $problem ->
    [group] its third digit is below 2, as in a personnummer
    [check] its last digit, the check digit, does not match
   *[format] it is written NNNNNN-NNNN
})
org-number-help = Write the municipality's organisationsnummer as the Swedish Companies Registration Office (Bolagsverket) lists it, e.g. `212000-1884`. It is shown in the footer and names the archivist in the export.

# export: PREMIS event details (in the site's language)
premis-creation = Package {$objid} made from the adjusted protocol by {$software}.
premis-redaction = § {$number} ({$title}) is confidential under {$ground}: the published pages (rep-html) show only its number, public title and legal ground; { $withheld ->
    [yes] its source file and attachments are not in this package (rep-source).
   *[no] its source file and attachments are in rep-source as written (--include-confidential).
}
premis-publication = {$title} ({$notice}): first published on the municipality's site on {$first}.
premis-publication-taken-over = {$title} ({$notice}): posted {$posted} by the content; recorded afterwards on {$first} by the publishing record (taken over, not checked).
premis-modification = {$title}: {$what} { $kind ->
    [correction] corrected (with a correction entry)
    [withdrawn] withdrawn
    [added] added
    [removed] removed
   *[changed] changed without a correction entry
}{ $value ->
    [none] {""}
   *[other] {" "}to {$value}
}{ $sha ->
    [none] {""}
   *[other] {" "}(SHA-256 {$sha})
}, seen by the build of that day.
