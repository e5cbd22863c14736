//! A light reader of Gherkin feature files, for the living documentation of a published version
//! (the harness runs the features with cucumber's own parser; this crate must not depend on it).
//!
//! It reads what the features of this workspace use, in Dutch and English keywords: `# language:`,
//! tags (with a trailing comment), `Functionaliteit`/`Feature` with its description, `Achtergrond`,
//! `Scenario`/`Voorbeeld` and `Abstract Scenario`/`Scenario Outline` with their descriptions, steps,
//! data tables (with the escapes `\|`, `\\` and `\n`), doc strings (`"""` or three backticks, with
//! a media type) and `Voorbeelden`/`Examples` with their tags and table. A comment on a line of its
//! own that comes before the tags or keyword of a scenario is kept as a heading of the scenarios
//! that follow (the features use them to group scenarios); other comments are dropped. `Regel`/
//! `Rule` is not read. Anything else is an error naming the file and line.

use std::fmt;

/// A feature file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Feature {
    /// The file, relative to the features directory (`bron/selectie/criteria_werkzoekenden.feature`).
    pub file: String,
    /// The `# language:` of the file (`nl`), if given.
    pub language: Option<String>,
    /// The feature's tags, without `@`.
    pub tags: Vec<String>,
    /// The keyword as written (`Functionaliteit`).
    pub keyword: String,
    /// Its name.
    pub name: String,
    /// The lines of free text under it, trimmed.
    pub description: Vec<String>,
    /// Its background, if any.
    pub background: Option<Background>,
    /// Its scenarios and the headings between them, in file order.
    pub items: Vec<Item>,
}

/// What stands between the background and the end of a feature.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    /// A comment on a line of its own before a scenario: a heading of those that follow.
    Heading(String),
    /// A scenario.
    Scenario(Scenario),
}

/// The background of a feature (`Achtergrond`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Background {
    /// The keyword as written.
    pub keyword: String,
    /// Its name (often empty).
    pub name: String,
    /// Its steps.
    pub steps: Vec<Step>,
}

/// A scenario or scenario outline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scenario {
    /// The line of its keyword (1-based).
    pub line: usize,
    /// The keyword as written (`Scenario`, `Abstract Scenario`).
    pub keyword: String,
    /// Its name.
    pub name: String,
    /// Its own tags, without `@` (the feature's apply too: see [`Feature::tags_of`]).
    pub tags: Vec<String>,
    /// The lines of free text under it.
    pub description: Vec<String>,
    /// Its steps.
    pub steps: Vec<Step>,
    /// Its examples (an outline has at least one).
    pub examples: Vec<Examples>,
}

/// A step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    /// The line (1-based).
    pub line: usize,
    /// The keyword as written, without the trailing space (`Gegeven`, `En`, `*`).
    pub keyword: String,
    /// The text after the keyword.
    pub text: String,
    /// A data table or doc string under it.
    pub argument: Option<Argument>,
}

/// What a step carries below it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Argument {
    /// A data table: rows of cells, the header row first.
    Table(Vec<Vec<String>>),
    /// A doc string.
    DocString {
        /// The media type after the opening delimiter (`json`), if any.
        media_type: Option<String>,
        /// The text, with the delimiter's indentation removed.
        text: String,
    },
}

/// The examples of a scenario outline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Examples {
    /// The keyword as written (`Voorbeelden`).
    pub keyword: String,
    /// Its name (often empty).
    pub name: String,
    /// Its tags, without `@`.
    pub tags: Vec<String>,
    /// The table, the header row first.
    pub table: Vec<Vec<String>>,
}

impl Feature {
    /// The tags that apply to a scenario: the feature's, then its own.
    pub fn tags_of(&self, scenario: &Scenario) -> Vec<String> {
        self.tags.iter().chain(&scenario.tags).cloned().collect()
    }

    /// The scenarios, in file order.
    pub fn scenarios(&self) -> impl Iterator<Item = &Scenario> {
        self.items.iter().filter_map(|item| match item {
            Item::Scenario(s) => Some(s),
            Item::Heading(_) => None,
        })
    }
}

/// A feature file this reader cannot read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {reason}")]
pub struct GherkinFout {
    /// The file.
    pub file: String,
    /// The line (1-based).
    pub line: usize,
    /// What is wrong, in Dutch.
    pub reason: String,
}

const FEATURE: [&str; 2] = ["Functionaliteit", "Feature"];
const BACKGROUND: [&str; 2] = ["Achtergrond", "Background"];
const OUTLINE: [&str; 5] = [
    "Abstract Scenario",
    "Scenario Outline",
    "Scenario Template",
    "Scenariosjabloon",
    "Scenario-sjabloon",
];
const SCENARIO: [&str; 3] = ["Scenario", "Voorbeeld", "Example"];
const EXAMPLES: [&str; 3] = ["Voorbeelden", "Examples", "Scenarios"];
const RULE: [&str; 2] = ["Regel", "Rule"];
const STEPS: [&str; 13] = [
    "Gegeven", "Stel", "Als", "Wanneer", "Dan", "En", "Maar", "Given", "When", "Then", "And",
    "But", "*",
];

/// `Keyword: name` when the line starts with one of `keywords` and a colon.
fn keyword_line<'a>(line: &'a str, keywords: &[&'static str]) -> Option<(&'static str, &'a str)> {
    keywords.iter().find_map(|k| {
        line.strip_prefix(k)
            .and_then(|rest| rest.strip_prefix(':'))
            .map(|name| (*k, name.trim()))
    })
}

/// `Keyword text` when the line starts with a step keyword and a space.
fn step_line(line: &str) -> Option<(&'static str, &str)> {
    STEPS.iter().find_map(|k| {
        line.strip_prefix(k)
            .and_then(|rest| rest.strip_prefix(' '))
            .map(|text| (*k, text.trim()))
    })
}

/// The cells of a table row `| a | b\|c |`.
fn cells(line: &str) -> Option<Vec<String>> {
    let inner = line.strip_prefix('|')?;
    let mut out = Vec::new();
    let mut cell = String::new();
    let mut chars = inner.chars();
    let mut closed = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('|') => cell.push('|'),
                Some('n') => cell.push('\n'),
                Some('\\') => cell.push('\\'),
                Some(other) => {
                    cell.push('\\');
                    cell.push(other);
                }
                None => cell.push('\\'),
            },
            '|' => {
                out.push(cell.trim().to_owned());
                cell.clear();
                closed = true;
                continue;
            }
            _ => cell.push(c),
        }
        closed = false;
    }
    (closed && cell.trim().is_empty()).then_some(out)
}

fn tags(line: &str) -> Vec<String> {
    line.split('#')
        .next()
        .unwrap_or("")
        .split_whitespace()
        .filter_map(|t| t.strip_prefix('@'))
        .map(str::to_owned)
        .collect()
}

/// Where the reader is.
enum State {
    /// Before the feature line.
    Start,
    /// In the feature's description.
    FeatureDescription,
    /// In the background's steps.
    Background,
    /// In a scenario, before its first step.
    ScenarioDescription,
    /// In a scenario's steps.
    Steps,
    /// In an examples block.
    Examples,
}

/// Reads one feature file (`file` names it in errors).
pub fn parse(file: &str, text: &str) -> Result<Feature, GherkinFout> {
    let lines: Vec<&str> = text.lines().collect();
    let fout = |line: usize, reason: &str| GherkinFout {
        file: file.to_owned(),
        line,
        reason: reason.to_owned(),
    };
    let mut feature = Feature {
        file: file.to_owned(),
        language: None,
        tags: Vec::new(),
        keyword: String::new(),
        name: String::new(),
        description: Vec::new(),
        background: None,
        items: Vec::new(),
    };
    let mut state = State::Start;
    let mut pending_tags: Vec<String> = Vec::new();
    let mut index = 0;
    while index < lines.len() {
        let number = index + 1;
        let raw = lines[index];
        let line = raw.trim();
        index += 1;
        if line.is_empty() {
            continue;
        }
        if let Some(comment) = line.strip_prefix('#') {
            let comment = comment.trim();
            if let Some(language) = comment.strip_prefix("language:")
                && matches!(state, State::Start)
            {
                feature.language = Some(language.trim().to_owned());
            } else if !matches!(state, State::Start)
                && pending_tags.is_empty()
                && opens_scenario(&lines[index..])
            {
                feature.items.push(Item::Heading(comment.to_owned()));
            }
            continue;
        }
        if line.starts_with('@') {
            pending_tags.extend(tags(line));
            continue;
        }
        if let Some((keyword, name)) = keyword_line(line, &FEATURE) {
            if !matches!(state, State::Start) {
                return Err(fout(number, "een tweede Functionaliteit in één bestand"));
            }
            feature.keyword = keyword.to_owned();
            feature.name = name.to_owned();
            feature.tags = std::mem::take(&mut pending_tags);
            state = State::FeatureDescription;
            continue;
        }
        if matches!(state, State::Start) {
            return Err(fout(number, "tekst voor de regel Functionaliteit:"));
        }
        if keyword_line(line, &RULE).is_some() {
            return Err(fout(number, "Regel (Rule) wordt niet ondersteund"));
        }
        if let Some((keyword, name)) = keyword_line(line, &BACKGROUND) {
            if feature.background.is_some() || !feature.items.is_empty() {
                return Err(fout(
                    number,
                    "een Achtergrond staat één keer, voor de scenario's",
                ));
            }
            feature.background = Some(Background {
                keyword: keyword.to_owned(),
                name: name.to_owned(),
                steps: Vec::new(),
            });
            state = State::Background;
            continue;
        }
        let scenario_keyword =
            keyword_line(line, &OUTLINE).or_else(|| keyword_line(line, &SCENARIO));
        if let Some((keyword, name)) = scenario_keyword {
            feature.items.push(Item::Scenario(Scenario {
                line: number,
                keyword: keyword.to_owned(),
                name: name.to_owned(),
                tags: std::mem::take(&mut pending_tags),
                description: Vec::new(),
                steps: Vec::new(),
                examples: Vec::new(),
            }));
            state = State::ScenarioDescription;
            continue;
        }
        if let Some((keyword, name)) = keyword_line(line, &EXAMPLES) {
            let Some(scenario) = last_scenario(&mut feature) else {
                return Err(fout(number, "Voorbeelden buiten een scenario"));
            };
            scenario.examples.push(Examples {
                keyword: keyword.to_owned(),
                name: name.to_owned(),
                tags: std::mem::take(&mut pending_tags),
                table: Vec::new(),
            });
            state = State::Examples;
            continue;
        }
        if !pending_tags.is_empty() {
            return Err(fout(
                number,
                "tags horen boven een Functionaliteit, Scenario of Voorbeelden",
            ));
        }
        if line.starts_with('|') {
            let row = cells(line).ok_or_else(|| fout(number, "een tabelrij sluit af met |"))?;
            match state {
                State::Examples => {
                    let Some(examples) =
                        last_scenario(&mut feature).and_then(|s| s.examples.last_mut())
                    else {
                        return Err(fout(number, "een tabel zonder Voorbeelden"));
                    };
                    examples.table.push(row);
                }
                State::Background | State::Steps => {
                    let Some(step) = last_step(&mut feature, &state) else {
                        return Err(fout(number, "een tabel zonder stap"));
                    };
                    match &mut step.argument {
                        None => step.argument = Some(Argument::Table(vec![row])),
                        Some(Argument::Table(rows)) => rows.push(row),
                        Some(Argument::DocString { .. }) => {
                            return Err(fout(number, "een stap met een tekstblok én een tabel"));
                        }
                    }
                }
                _ => return Err(fout(number, "een tabel zonder stap")),
            }
            continue;
        }
        if let Some(delimiter) = ["\"\"\"", "```"].into_iter().find(|d| line.starts_with(d)) {
            let indent = raw.len() - raw.trim_start().len();
            let media = line[delimiter.len()..].trim();
            let mut body = Vec::new();
            let mut closed = false;
            while index < lines.len() {
                let content = lines[index];
                index += 1;
                if content.trim() == delimiter {
                    closed = true;
                    break;
                }
                let strip = content
                    .char_indices()
                    .take_while(|(i, c)| *i < indent && c.is_whitespace())
                    .count();
                body.push(content[strip..].replace(&format!("\\{delimiter}"), delimiter));
            }
            if !closed {
                return Err(fout(number, "een tekstblok dat niet sluit"));
            }
            let Some(step) = last_step(&mut feature, &state) else {
                return Err(fout(number, "een tekstblok zonder stap"));
            };
            if step.argument.is_some() {
                return Err(fout(number, "een stap met twee argumenten"));
            }
            step.argument = Some(Argument::DocString {
                media_type: (!media.is_empty()).then(|| media.to_owned()),
                text: body.join("\n"),
            });
            continue;
        }
        if let Some((keyword, text)) = step_line(line) {
            let step = Step {
                line: number,
                keyword: keyword.to_owned(),
                text: text.to_owned(),
                argument: None,
            };
            match state {
                State::Background => {
                    if let Some(background) = feature.background.as_mut() {
                        background.steps.push(step);
                    }
                }
                State::ScenarioDescription | State::Steps => {
                    if let Some(scenario) = last_scenario(&mut feature) {
                        scenario.steps.push(step);
                    }
                    state = State::Steps;
                }
                State::Examples => {
                    return Err(fout(number, "een stap na de Voorbeelden"));
                }
                State::Start | State::FeatureDescription => {
                    return Err(fout(number, "een stap buiten een scenario of achtergrond"));
                }
            }
            continue;
        }
        match state {
            State::FeatureDescription => feature.description.push(line.to_owned()),
            State::ScenarioDescription => {
                if let Some(scenario) = last_scenario(&mut feature) {
                    scenario.description.push(line.to_owned());
                }
            }
            _ => {
                return Err(fout(
                    number,
                    &format!("onbekende regel {line:?} (geen stap, tabel of sleutelwoord)"),
                ));
            }
        }
    }
    if feature.keyword.is_empty() {
        return Err(fout(lines.len().max(1), "geen regel Functionaliteit:"));
    }
    Ok(feature)
}

/// Whether the next line that is not blank or a comment opens a scenario (its tags or keyword).
fn opens_scenario(rest: &[&str]) -> bool {
    rest.iter()
        .map(|l| l.trim())
        .find(|l| !l.is_empty() && !l.starts_with('#'))
        .is_some_and(|l| {
            l.starts_with('@')
                || keyword_line(l, &OUTLINE).is_some()
                || keyword_line(l, &SCENARIO).is_some()
        })
}

fn last_scenario(feature: &mut Feature) -> Option<&mut Scenario> {
    feature.items.iter_mut().rev().find_map(|item| match item {
        Item::Scenario(s) => Some(s),
        Item::Heading(_) => None,
    })
}

fn last_step<'a>(feature: &'a mut Feature, state: &State) -> Option<&'a mut Step> {
    match state {
        State::Background => feature.background.as_mut()?.steps.last_mut(),
        State::Steps => last_scenario(feature)?.steps.last_mut(),
        _ => None,
    }
}

impl fmt::Display for Argument {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Table(rows) => write!(f, "tabel van {} rijen", rows.len()),
            Self::DocString { text, .. } => write!(f, "tekstblok van {} tekens", text.len()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r#"# language: nl
@bron @selectie # de rol
Functionaliteit: Criteria
  Elk criterium beperkt de selectie.
  Tweede regel.

  Achtergrond:
    Gegeven de bron heeft de certificeringstestset geladen
    En een zoekvraag binnen 15 km van "1791AA"

  # Het beroep

    @AV-SEL-005 @must
    Scenario: Eén beroep
      Waarom dit scenario bestaat.
      Gegeven het bemiddelingsberoep is een van "B1"
      # een opmerking tussen de stappen
      Als de uitwisselingsvoorziening de zoekvraag stelt
      Dan bevat het antwoord precies de werkzoekenden "wz-t01"

  # Talen
  # (tweede regel)

    @AV-SEL-009 @must
    Abstract Scenario: Taal <taal>
      Gegeven de talen zijn vereist:
        | taal | mondeling | teken \| pijp |
        | nld  | 3         | a\nb          |
      En de zoekvraag bevat ook:
        """json
        {"a": 1}
          ingesprongen
        """
      Dan is de status 200

      @extra
      Voorbeelden: eerste
        | taal |
        | nld  |
"#;

    #[test]
    fn reads_features_backgrounds_scenarios_tables_and_doc_strings() {
        let f = parse("bron/selectie/x.feature", TEXT).unwrap();
        assert_eq!(f.language.as_deref(), Some("nl"));
        assert_eq!(f.tags, ["bron", "selectie"]);
        assert_eq!(
            (f.keyword.as_str(), f.name.as_str()),
            ("Functionaliteit", "Criteria")
        );
        assert_eq!(
            f.description,
            ["Elk criterium beperkt de selectie.", "Tweede regel."]
        );
        let background = f.background.as_ref().unwrap();
        assert_eq!(background.steps.len(), 2);
        assert_eq!(background.steps[1].keyword, "En");
        let headings: Vec<&str> = f
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Heading(h) => Some(h.as_str()),
                Item::Scenario(_) => None,
            })
            .collect();
        assert_eq!(headings, ["Het beroep", "Talen", "(tweede regel)"]);
        let scenarios: Vec<&Scenario> = f.scenarios().collect();
        assert_eq!(scenarios.len(), 2);
        let een = scenarios[0];
        assert_eq!((een.line, een.name.as_str()), (14, "Eén beroep"));
        assert_eq!(een.description, ["Waarom dit scenario bestaat."]);
        assert_eq!(een.steps.len(), 3, "the comment between steps is dropped");
        assert_eq!(f.tags_of(een), ["bron", "selectie", "AV-SEL-005", "must"]);
        let taal = scenarios[1];
        assert_eq!(taal.keyword, "Abstract Scenario");
        assert_eq!(
            taal.steps[0].argument,
            Some(Argument::Table(vec![
                vec!["taal".into(), "mondeling".into(), "teken | pijp".into()],
                vec!["nld".into(), "3".into(), "a\nb".into()],
            ]))
        );
        assert_eq!(
            taal.steps[1].argument,
            Some(Argument::DocString {
                media_type: Some("json".into()),
                text: "{\"a\": 1}\n  ingesprongen".into()
            })
        );
        assert_eq!(taal.examples.len(), 1);
        assert_eq!(taal.examples[0].tags, ["extra"]);
        assert_eq!(taal.examples[0].name, "eerste");
        assert_eq!(taal.examples[0].table, [vec!["taal"], vec!["nld"]]);
    }

    #[test]
    fn errors_name_the_file_and_line() {
        let e = parse("f.feature", "Gegeven iets\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "f.feature:1: tekst voor de regel Functionaliteit:"
        );
        let e = parse(
            "f.feature",
            "Functionaliteit: x\n  Scenario: y\n    Gegeven z\n      \"\"\"\n      open\n",
        )
        .unwrap_err();
        assert_eq!(e.line, 4);
        assert!(e.reason.contains("niet sluit"));
        let e = parse(
            "f.feature",
            "Functionaliteit: x\n  Scenario: y\n    Gegeven z\n      | a | b\n",
        )
        .unwrap_err();
        assert_eq!(
            (e.line, e.reason.as_str()),
            (4, "een tabelrij sluit af met |")
        );
        let e = parse("f.feature", "Functionaliteit: x\n  Gegeven z\n").unwrap_err();
        assert_eq!(e.line, 2);
        let e = parse("f.feature", "Functionaliteit: x\n  Regel: r\n").unwrap_err();
        assert!(e.reason.contains("niet ondersteund"));
        let e = parse(
            "f.feature",
            "Functionaliteit: x\n  Scenario: y\n    Gegeven z\n    zomaar tekst\n",
        )
        .unwrap_err();
        assert!(e.reason.starts_with("onbekende regel"), "{e}");
        assert!(parse("f.feature", "# alleen commentaar\n").is_err());
    }
}
