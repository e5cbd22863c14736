//! The Dutch changelog: what was compared, the counts, then the changes — breaking per role,
//! compatible, without consequences — each with its verdict per role, places, requirements and
//! scenarios.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::change::{Change, Occurrence};
use super::load::Side;
use super::report::{Report, SetInfo};
use super::verdict::{Class, Role};

pub(super) fn render(report: &Report) -> String {
    let mut out = String::new();
    out.push_str("# Wijzigingen in de VUM-contracten\n\n");
    let _ = writeln!(
        out,
        "Oud: `{}`; nieuw: `{}`.\n",
        report.old.label, report.new.label
    );
    contracts(&mut out, report);
    if let Some(v) = &report.version_headers {
        let _ = writeln!(
            out,
            "- Versieheaders: X-VUM-berichtVersie en API-Version noemen {} waar ze {} noemden. Binnen \
             één hoofdversie kiest een verzoek daarmee zijn versie op hetzelfde basispad; dat is geen \
             wijziging van het contract en staat hieronder niet als wijziging.\n",
            v.new, v.old
        );
    }
    notes(&mut out, "oud", &report.old);
    notes(&mut out, "nieuw", &report.new);
    summary(&mut out, report);
    for role in Role::ALL {
        let changes: Vec<&Change> = report
            .changes
            .iter()
            .filter(|c| c.verdict(role) == Class::Breaking)
            .collect();
        let title = format!("Breaking voor {}", role_phrase(role));
        section(&mut out, &title, &changes, Some(role));
    }
    for (class, title) in [
        (Class::Compatible, "Compatibel voor alle rollen"),
        (Class::None, "Zonder gevolgen"),
    ] {
        let changes: Vec<&Change> = report
            .changes
            .iter()
            .filter(|c| c.class() == class)
            .collect();
        section(&mut out, title, &changes, None);
    }
    legend(&mut out, report);
    out
}

/// The titles of the requirements the entries name by id.
fn legend(out: &mut String, report: &Report) {
    let titles: BTreeMap<&str, &str> = report
        .changes
        .iter()
        .flat_map(|c| &c.requirements)
        .map(|r| (r.id.as_str(), r.titel.as_str()))
        .collect();
    if titles.is_empty() {
        return;
    }
    out.push_str("## Genoemde eisen\n\n| eis | titel |\n|---|---|\n");
    for (id, titel) in titles {
        let _ = writeln!(out, "| {id} | {} |", titel.replace('|', "\\|"));
    }
}

fn role_phrase(role: Role) -> &'static str {
    match role {
        Role::Bron => "bronnen",
        Role::Uitwisseling => "de uitwisselingsvoorziening",
        Role::Bemiddelaar => "bemiddelaars",
    }
}

fn class_word(class: Class) -> &'static str {
    match class {
        Class::Breaking => "**breaking**",
        Class::Compatible => "compatibel",
        Class::None => "geen gevolgen",
    }
}

fn contracts(out: &mut String, report: &Report) {
    let mut rows: BTreeMap<&str, (String, String)> = BTreeMap::new();
    let show = |c: &super::load::Contract| {
        format!(
            "{} ({})",
            c.file,
            c.version.as_deref().unwrap_or("versie onbekend")
        )
    };
    for c in &report.old.contracts {
        rows.entry(&c.name)
            .or_insert_with(|| ("-".into(), "-".into()))
            .0 = show(c);
    }
    for c in &report.new.contracts {
        rows.entry(&c.name)
            .or_insert_with(|| ("-".into(), "-".into()))
            .1 = show(c);
    }
    out.push_str("| contract | oud | nieuw |\n|---|---|---|\n");
    for (name, (old, new)) in rows {
        let _ = writeln!(out, "| {name} | {old} | {new} |");
    }
    out.push('\n');
}

fn notes(out: &mut String, side: &str, set: &SetInfo) {
    for note in &set.notes {
        let _ = writeln!(out, "- Ingelezen ({side}): {note}");
    }
    if !set.notes.is_empty() {
        out.push('\n');
    }
}

fn summary(out: &mut String, report: &Report) {
    out.push_str("## Samenvatting\n\n");
    let summary = report.summary();
    if summary.changes == 0 {
        out.push_str("Geen wijzigingen.\n\n");
        return;
    }
    let _ = writeln!(
        out,
        "{} wijzigingen; exitcode {}.\n",
        summary.changes, summary.exit_code
    );
    out.push_str("| rol | breaking | compatibel | geen gevolgen |\n|---|---|---|---|\n");
    for (role, counts) in &summary.roles {
        let n = |class| counts.get(&class).copied().unwrap_or(0);
        let _ = writeln!(
            out,
            "| {role} | {} | {} | {} |",
            n(Class::Breaking),
            n(Class::Compatible),
            n(Class::None)
        );
    }
    out.push_str("\n| soort wijziging | aantal |\n|---|---|\n");
    for kind in super::change::Kind::ALL {
        let n = report.count(*kind);
        if n > 0 {
            let _ = writeln!(out, "| {} | {n} |", kind.label());
        }
    }
    out.push('\n');
}

/// A section of changes; in a role's section only the places in that role's contracts are listed.
fn section(out: &mut String, title: &str, changes: &[&Change], role: Option<Role>) {
    let _ = writeln!(out, "## {title} ({})\n", changes.len());
    if changes.is_empty() {
        out.push_str("Geen.\n\n");
        return;
    }
    for change in changes {
        entry(out, change, role);
    }
    out.push('\n');
}

/// Whether a role is involved in a contract side.
fn involves(role: Role, side: Side) -> bool {
    !matches!(
        (role, side),
        (Role::Bron, Side::Bemiddelaar) | (Role::Bemiddelaar, Side::Bron)
    )
}

fn entry(out: &mut String, change: &Change, role: Option<Role>) {
    let _ = writeln!(out, "- {}", change.describe());
    let mut verdicts = change.roles.values();
    let first = verdicts.next();
    match first.filter(|f| verdicts.all(|v| v == *f)) {
        Some(same) => {
            let _ = writeln!(
                out,
                "  - alle rollen: {} — {}",
                class_word(same.class),
                same.reason
            );
        }
        None => {
            for (role, verdict) in &change.roles {
                let _ = writeln!(
                    out,
                    "  - {role}: {} — {}",
                    class_word(verdict.class),
                    verdict.reason
                );
            }
        }
    }
    let occurrences: Vec<Occurrence> = change
        .occurrences
        .iter()
        .filter(|o| role.is_none_or(|r| involves(r, o.side)))
        .cloned()
        .collect();
    let _ = writeln!(out, "  - waar: {}", places(&occurrences));
    if change.requirements.is_empty() {
        out.push_str("  - eisen: geen eis\n");
    } else {
        let ids: Vec<&str> = change.requirements.iter().map(|r| r.id.as_str()).collect();
        let _ = writeln!(out, "  - eisen: {}", ids.join(", "));
    }
    if !change.scenarios.is_empty() {
        let mut by_file: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for s in &change.scenarios {
            by_file.entry(&s.file).or_default().push(&s.name);
        }
        let files: Vec<String> = by_file
            .into_iter()
            .map(|(file, names)| format!("{file} › {}", names.join("; ")))
            .collect();
        let _ = writeln!(out, "  - scenario's: {}", files.join(" · "));
    }
}

/// Per operation and path, the parts (`antwoord 200`) a change occurs in.
type Parts<'a> = BTreeMap<(Option<&'a str>, Option<&'a str>), Vec<&'a str>>;

/// The places of a change, per contract: operation, parts and path, parts with the same path
/// taken together (`antwoord 200, 400`).
fn places(occurrences: &[Occurrence]) -> String {
    let mut by_contract: BTreeMap<&str, Parts<'_>> = BTreeMap::new();
    for o in occurrences {
        let parts = by_contract
            .entry(&o.contract)
            .or_default()
            .entry((o.operation.as_deref(), o.path.as_deref()))
            .or_default();
        if let Some(part) = o.part.as_deref()
            && !parts.contains(&part)
        {
            parts.push(part);
        }
    }
    let contracts: Vec<String> = by_contract
        .into_iter()
        .map(|(contract, items)| {
            let items: Vec<String> = items
                .into_iter()
                .filter_map(|((operation, path), parts)| {
                    let mut text = String::new();
                    if let Some(op) = operation {
                        text.push_str(op);
                    }
                    if !parts.is_empty() {
                        let joined = join_parts(&parts);
                        if text.is_empty() {
                            text = joined;
                        } else {
                            let _ = write!(text, " ({joined})");
                        }
                    }
                    if let Some(path) = path {
                        let _ = write!(text, " `{path}`");
                    }
                    let text = text.trim().to_owned();
                    (!text.is_empty()).then_some(text)
                })
                .collect();
            if items.is_empty() {
                contract.to_owned()
            } else {
                format!("{contract}: {}", items.join("; "))
            }
        })
        .collect();
    contracts.join(" · ")
}

/// `antwoord 200`, `antwoord 400` → `antwoord 200, 400`.
fn join_parts(parts: &[&str]) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut last_word = "";
    for part in parts {
        let (word, rest) = part.split_once(' ').unwrap_or((part, ""));
        if word == last_word && !rest.is_empty() {
            out.push(rest.to_owned());
        } else {
            out.push((*part).to_owned());
            last_word = word;
        }
    }
    out.join(", ")
}
