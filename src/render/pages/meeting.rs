//! A body's and a meeting's pages: the meeting, the whole protocol, each
//! §, the protocol's notice and the notice of a § adjusted on its own.

use super::*;

pub(super) fn body_page(x: &Inputs<'_>, body: &Body) -> PageSpec {
    let site = x.site;
    let p = page(x, urls::body(&body.slug));
    let parent = body.parent.as_ref().and_then(|slug| site.bodies.iter().find(|b| &b.slug == slug));
    let mut years: Vec<(i16, Vec<Value>)> = Vec::new();
    for m in body.meetings.iter().rev() {
        let line = json!({"href": p.href(&urls::meeting(&m.id)), "date": p.date(m.id.date),
            "suffix": m.id.suffix, "paragraphs": paragraph_range(m),
            "adjusted": m.is_adjusted(), "announced": m.id.date > site.today});
        match years.last_mut() {
            Some((y, list)) if *y == m.id.date.year() => list.push(line),
            _ => years.push((m.id.date.year(), vec![line])),
        }
    }
    let years: Vec<Value> = years.into_iter().map(|(y, ms)| json!({"year": y, "meetings": ms})).collect();
    let view = json!({
        "name": body.name, "short_name": body.short_name, "kind": p.label(body_kind_key(body.kind)),
        "parent": parent.map(|b| p.link(&urls::body(&b.slug), &b.name)),
        "description": body.description.as_ref().map(|d| p.markdown(d, 2, "")),
        "years": years,
    });
    let mut view = view;
    view["subscribe"] = json!(p.subscriptions(Some(body)));
    let frame = p.body_frame(body.name.clone(), vec![p.link(urls::HOME, p.label("home"))], body);
    spec(p.url.clone(), "body.html", frame, view)
}

pub(super) fn meeting_page(x: &Inputs<'_>, body: &Body, m: &Meeting, pdf: Option<u64>) -> PageSpec {
    let p = page(x, urls::meeting(&m.id));
    let (title, view, trail) = meeting_view(&p, body, m, pdf);
    let mut view = view;
    view["protocol_href"] = json!(p.href(&urls::protocol(&m.id)));
    spec(p.url.clone(), "meeting.html", p.body_frame(title, trail, body), view)
}

/// The whole protocol: the meeting's facts, then every paragraph in full.
pub(super) fn protocol_page(x: &Inputs<'_>, body: &Body, m: &Meeting, sizes: &Sizes, pdf: Option<u64>) -> PageSpec {
    let p = page(x, urls::protocol(&m.id));
    let (title, view, mut trail) = meeting_view(&p, body, m, pdf);
    trail.push(p.link(&urls::meeting(&m.id), title.clone()));
    let paragraphs: Vec<Value> =
        m.paragraphs.iter().map(|par| paragraph_view(&p, m, par, sizes, 3, &format!("p{}-", par.number))).collect();
    let mut view = view;
    view["full"] = json!(paragraphs);
    view["signatures"] = signatures(&p, m);
    let rows =
        proof_block(&p, body, m).map(|rows| rows.into_iter().map(|(k, v)| json!({"k": k, "v": v})).collect::<Vec<_>>());
    view["proof_block"] = json!(rows);
    let title = format!("{} – {}", title, p.label("full_protocol"));
    spec(p.url.clone(), "protocol.html", p.body_frame(title, trail, body), view)
}

/// The signature block that ends a protocol: secretary, chair, adjusters,
/// and "Justerat <date>" or "Ej justerat".
pub(super) fn signatures(p: &Page<'_>, m: &Meeting) -> Value {
    let adjusted = match m.adjustment {
        Adjustment::Adjusted { on, .. } => format!("{} {}", p.label("adjusted"), p.date(on)),
        Adjustment::NotAdjusted => p.label("not_adjusted_signature"),
    };
    json!({"secretary": m.secretary, "chair": m.chair, "adjusters": m.adjusters, "adjusted": adjusted})
}

/// The facts of a meeting, for its page and its full protocol; `pdf` is
/// the size of its protocol as PDF, if it has one.
pub(super) fn meeting_view(p: &Page<'_>, body: &Body, m: &Meeting, pdf: Option<u64>) -> (String, Value, Vec<Link>) {
    let site = p.site;
    let dir = format!("{}/{}", m.id.body, m.id.folder());
    let board = match m.adjustment {
        Adjustment::Adjusted { on, board } if board.posted <= site.today => {
            Some(p.protocol_notice(body, m, on, &board))
        }
        _ => None,
    };
    let adjusted = match m.adjustment {
        Adjustment::Adjusted { on, .. } => Some(p.date(on)),
        Adjustment::NotAdjusted => None,
    };
    let paragraphs: Vec<Value> = m
        .paragraphs
        .iter()
        .map(|par| {
            let (dnr, confidential) = match &par.content {
                Content::Public(x) => (x.dnr.join(", "), false),
                Content::Confidential { .. } => (String::new(), true),
                Content::Agenda { dnr, .. } => (dnr.join(", "), false),
                Content::Withdrawn { .. } => (String::new(), false),
            };
            let immediate = par.immediate.map(|i| format!("{} {}", p.label("adjusted_immediately"), p.date(i.on)));
            let outcome = par.content.public().and_then(|x| match &x.outcome {
                Outcome::Proposal { to, .. } => Some(format!("{} {to}", p.label("proposal_to"))),
                Outcome::Information => Some(p.label("information")),
                Outcome::Decision => None,
            });
            let withdrawn = par.content.withdrawal().map(|w| format!("{} {}", p.label("withdrawn"), p.date(w.date)));
            json!({"number": par.number, "title": par.content.title(), "dnr": dnr, "confidential": confidential,
                   "immediate": immediate, "outcome": outcome, "withdrawn": withdrawn,
                   "href": p.href(&urls::paragraph(&m.id, par.number))})
        })
        .collect();
    let announcements: Vec<Link> = site.announcements(&m.id).map(|n| p.link(&urls::notice(n), &n.title)).collect();
    let attendance: Vec<Value> = m
        .attendance
        .iter()
        .map(|a| json!({"name": a.name, "party": a.party, "role": a.role, "title": a.title}))
        .collect();
    let title = format!("{} {}", body.name, meeting_label(m));
    let view = json!({
        "body": body.name, "date": meeting_label(m), "suffix": m.id.suffix, "time": m.time, "place": m.place,
        "chair": m.chair, "secretary": m.secretary, "adjusters": m.adjusters, "adjusted": adjusted,
        "board": board, "storage": m.storage, "attendance": attendance,
        "announced": m.id.date > site.today, "announcements": announcements,
        "intro": m.intro.as_ref().map(|i| p.markdown_linked(i, 2, "", Some((&dir, m.linked.as_slice())))),
        "paragraphs": paragraphs,
        "pdf": pdf.map(|n| json!({"href": p.href(&urls::protocol_pdf(&m.id)), "size": p.size(n)})),
    });
    let trail = vec![p.link(urls::HOME, p.label("home")), p.link(&urls::body(&body.slug), &body.name)];
    (title, view, trail)
}

pub(super) fn paragraph_page(x: &Inputs<'_>, body: &Body, m: &Meeting, par: &Paragraph, sizes: &Sizes) -> PageSpec {
    let p = page(x, urls::paragraph(&m.id, par.number));
    let trail = vec![
        p.link(urls::HOME, p.label("home")),
        p.link(&urls::body(&body.slug), &body.name),
        p.link(&urls::meeting(&m.id), format!("{} {}", body.name, meeting_label(m))),
    ];
    let view = paragraph_view(&p, m, par, sizes, 2, "");
    let title = view["title"].as_str().unwrap_or_default().to_owned();
    let view = json!({"par": view, "body": body.name, "meeting_date": meeting_label(m),
                      "notice": paragraph_notice_facts(&p, body, m, par)});
    let frame = p.body_frame(format!("§ {} {title}", par.number), trail, body);
    spec(p.url.clone(), "paragraph.html", frame, view)
}

/// A paragraph's view, shared by its page and the full protocol: `h` is the
/// level of its section headings, `idp` the prefix of its ids on the page.
pub(super) fn paragraph_view(p: &Page<'_>, m: &Meeting, par: &Paragraph, sizes: &Sizes, h: u8, idp: &str) -> Value {
    let mut view = match &par.content {
        Content::Confidential { public_title, legal_ground } => {
            json!({"confidential": true, "legal_ground": legal_ground, "title": public_title})
        }
        Content::Agenda { title, dnr } => {
            json!({"agenda": true, "announced": m.id.date > p.site.today, "title": title, "dnr": dnr})
        }
        Content::Withdrawn { title, withdrawal } => {
            json!({"withdrawn": {"date": p.date(withdrawal.date), "reason": withdrawal.reason}, "title": title})
        }
        Content::Public(x) => {
            let dir = format!("{}/{}", m.id.body, m.id.folder());
            let mut v = public_paragraph(p, x, sizes, &dir, h + 1, idp);
            v["title"] = json!(x.title);
            v
        }
    };
    view["number"] = json!(par.number);
    view["immediate"] = json!(par.immediate.map(|i| p.date(i.on)));
    view["h"] = json!(h);
    view["idp"] = json!(idp);
    view["href"] = json!(p.href(&urls::paragraph(&m.id, par.number)));
    view
}

pub(super) fn public_paragraph(
    p: &Page<'_>,
    x: &PublicParagraph,
    sizes: &Sizes,
    meeting_dir: &str,
    base: u8,
    idp: &str,
) -> Value {
    let linked = Some((meeting_dir, x.linked.as_slice()));
    let documents: Vec<Value> = x
        .documents
        .iter()
        .map(|d| {
            json!({"title": d.title, "date": d.date.map(|d| d.to_string()),
                   "withdrawn": d.withdrawn.as_ref().map(|w| json!({"date": p.date(w.date), "reason": w.reason})),
                   "href": d.file.as_ref().map(|f| p.href(&urls::encode_path(f))),
                   "size": d.file.as_ref().and_then(|f| sizes.get(f)).map(|n| p.size(*n)),
                   "type": d.file.as_ref().map(|f| f.rsplit('/').next().unwrap_or(f)).and_then(|n| n.rsplit_once('.')).map(|(_, e)| e.to_uppercase())})
        })
        .collect();
    let votes = x.votes.as_ref().map(|v| {
        let count = |k: Vote| v.ballots.iter().filter(|b| b.vote == k).count();
        let ballots: Vec<Value> = v
            .ballots
            .iter()
            .map(|b| json!({"name": b.name, "party": b.party, "vote": p.label(vote_key(b.vote))}))
            .collect();
        json!({"yes": v.yes, "no": v.no, "ballots": ballots,
               "ja": count(Vote::Ja), "nej": count(Vote::Nej), "avstar": count(Vote::Avstar), "jav": count(Vote::Jav)})
    });
    let reservations: Vec<Value> = x.reservations.iter().map(|r| json!({"by": r.by, "text": r.text})).collect();
    let (outcome, proposal_to) = match &x.outcome {
        Outcome::Decision => ("decision", None),
        Outcome::Information => ("information", None),
        Outcome::Proposal { to, slug } => {
            let link = match slug {
                Some(slug) => p.link(&urls::body(slug), to),
                None => Link { href: String::new(), text: to.clone() },
            };
            ("proposal", Some(link))
        }
    };
    let corrections: Vec<Value> =
        x.corrections.iter().map(|c| json!({"date": p.date(c.date), "text": c.text})).collect();
    json!({
        "confidential": false, "dnr": x.dnr, "decided_by": x.decided_by, "corrections": corrections,
        "outcome": outcome, "proposal_to": proposal_to,
        "decision": x.decision.as_ref().map(|d| p.markdown_linked(d, base, &format!("{idp}beslut-"), linked)),
        "proposal": x.proposal.as_ref().map(|d| p.markdown_linked(d, base, &format!("{idp}forslag-"), linked)),
        "text": Some(p.markdown_linked(&x.text, base, &format!("{idp}arende-"), linked)).filter(|h| !h.trim().is_empty()),
        "documents": documents, "recipients": x.recipients, "reservations": reservations,
        "votes": votes, "disqualified": x.disqualified,
    })
}

pub(super) fn protocol_notice_page(x: &Inputs<'_>, body: &Body, m: &Meeting, on: Date, b: &BoardDates) -> PageSpec {
    let site = x.site;
    let p = page(x, urls::protocol_notice(m));
    let view = json!({
        "notice": p.protocol_notice(body, m, on, b), "removed": b.removal <= site.today,
        "court": site.config.notice_board.court, "appeal_days": site.config.notice_board.appeal_period_days,
    });
    let trail = vec![p.link(urls::HOME, p.label("home")), p.link(urls::BOARD, p.label("board"))];
    let title = format!("{}: {} {}", p.label("protocol_notice"), body.name, meeting_label(m));
    spec(p.url.clone(), "protocol-notice.html", p.frame(title, trail), view)
}

/// The notice of a § adjusted on its own: like a protocol's notice, for one §.
pub(super) fn paragraph_notice_page(
    x: &Inputs<'_>,
    body: &Body,
    m: &Meeting,
    par: &Paragraph,
    i: &Immediate,
) -> PageSpec {
    let site = x.site;
    let p = page(x, urls::paragraph_notice(&m.id, par.number));
    let view = json!({
        "notice": p.paragraph_notice(body, m, par, i), "removed": i.board.removal <= site.today,
        "title": par.content.title(),
        "court": site.config.notice_board.court, "appeal_days": site.config.notice_board.appeal_period_days,
    });
    let trail = vec![p.link(urls::HOME, p.label("home")), p.link(urls::BOARD, p.label("board"))];
    let title = format!("{}: {} {}, § {}", p.label("immediate_notice_title"), body.name, meeting_label(m), par.number);
    spec(p.url.clone(), "protocol-notice.html", p.frame(title, trail), view)
}

/// The notice facts shown on a § page: its own notice (omedelbar justering)
/// or its protocol's, once adjusted; with the notice's dates once posted.
pub(super) fn paragraph_notice_facts(p: &Page<'_>, body: &Body, m: &Meeting, par: &Paragraph) -> Option<Value> {
    let today = p.site.today;
    let (on, board, href) = match (&par.immediate, m.adjustment) {
        (Some(i), _) => (i.on, i.board, urls::paragraph_notice(&m.id, par.number)),
        (None, Adjustment::Adjusted { on, board }) => (on, board, urls::protocol_notice(m)),
        (None, Adjustment::NotAdjusted) => return None,
    };
    let view = match par.immediate {
        Some(i) => p.paragraph_notice(body, m, par, &i),
        None => p.protocol_notice(body, m, on, &board),
    };
    let posted = board.posted <= today;
    Some(
        json!({"adjusted": view.adjusted, "immediate": par.immediate.is_some(), "posted": posted.then_some(view.posted),
        "appeal_last_day": posted.then_some(view.appeal_last_day), "removal": posted.then_some(view.removal),
        "storage": view.storage, "href": posted.then(|| p.href(&href)), "removed": board.removal <= today}),
    )
}
