//! What is wrong with a task file, in Dutch, naming the task and the field.

/// A task file that cannot be used.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TakenFout {
    /// Not JSON.
    #[error("geen JSON: regel {regel}, kolom {kolom}: {reden}")]
    GeenJson {
        /// 1-based line.
        regel: usize,
        /// 1-based column.
        kolom: usize,
        /// What is wrong.
        reden: String,
    },
    /// A field of the list itself (`versie`, `uitwisseling`, `berichtVersie`, `taken`).
    #[error("veld {veld}: {reden}")]
    Lijst {
        /// The field.
        veld: String,
        /// What is wrong.
        reden: String,
    },
    /// A field of one task.
    #[error("{}, veld {veld}: {reden}", taak_naam(*nummer, *plaats))]
    Taak {
        /// The task's number, when it has a readable one.
        nummer: Option<u32>,
        /// Its place in the list (1-based).
        plaats: usize,
        /// The field, from the task (`zoek.werkzoekenden.afstand`).
        veld: String,
        /// What is wrong.
        reden: String,
    },
}

fn taak_naam(nummer: Option<u32>, plaats: usize) -> String {
    match nummer {
        Some(n) => format!("taak {n}"),
        None => format!("de {plaats}e taak in de lijst"),
    }
}

/// A field of a task or search whose value breaks a rule of the format.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{veld}: {reden}")]
pub struct Veldfout {
    /// The field (`afstand`, `talen[0].taal`).
    pub veld: String,
    /// What is wrong, in Dutch.
    pub reden: String,
}

impl Veldfout {
    /// A problem with `veld`.
    pub fn new(veld: impl Into<String>, reden: impl Into<String>) -> Self {
        Self {
            veld: veld.into(),
            reden: reden.into(),
        }
    }

    /// The same problem, with the field named from `ouder` (`zoek.werkzoekenden`).
    pub fn onder(self, ouder: &str) -> Self {
        Self {
            veld: format!("{ouder}.{}", self.veld),
            reden: self.reden,
        }
    }
}

/// The field and the Dutch reason of a serde error with its path.
pub(super) fn veld_en_reden(e: &serde_path_to_error::Error<serde_json::Error>) -> (String, String) {
    let path = e.path().to_string();
    let mut veld = if path == "." { String::new() } else { path };
    let message = e.inner().to_string();
    // A missing or unknown field is reported at the object that lacks or has it.
    for prefix in ["missing field `", "unknown field `"] {
        if let Some(name) = message
            .strip_prefix(prefix)
            .and_then(|rest| rest.split('`').next())
            && !veld.ends_with(name)
        {
            if !veld.is_empty() {
                veld.push('.');
            }
            veld.push_str(name);
        }
    }
    (veld, vertaal(&message))
}

/// A serde_json error's message in Dutch, without its position.
pub(super) fn in_gewone_taal(e: &serde_json::Error) -> String {
    let message = e.to_string();
    let message = match message.rfind(" at line ") {
        Some(at) => &message[..at],
        None => &message,
    };
    match e.classify() {
        serde_json::error::Category::Eof => "het bestand houdt midden in een waarde op".to_owned(),
        serde_json::error::Category::Syntax => format!("ongeldige JSON ({message})"),
        _ => vertaal(message),
    }
}

/// The messages serde writes, in Dutch; anything else as it is.
fn vertaal(message: &str) -> String {
    if message.starts_with("missing field `") {
        return "ontbreekt".to_owned();
    }
    if let Some(rest) = message.strip_prefix("unknown field `") {
        return match rest.split_once(", expected ") {
            Some((_, bekend)) => format!("onbekend veld; bekend zijn: {}", opsomming(bekend)),
            None => "onbekend veld".to_owned(),
        };
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        let (waarde, rest) = rest.split_once('`').unwrap_or((rest, ""));
        return match rest.split_once("expected ") {
            Some((_, keuze)) => format!(
                "onbekende waarde \"{waarde}\"; kies uit {}",
                opsomming(keuze)
            ),
            None => format!("onbekende waarde \"{waarde}\""),
        };
    }
    for (prefix, soort) in [
        ("invalid type: ", "verkeerd type"),
        ("invalid value: ", "ongeldige waarde"),
    ] {
        if let Some(rest) = message.strip_prefix(prefix) {
            return match rest.split_once(", expected ") {
                Some((gevonden, verwacht)) => format!(
                    "verwacht {}, gevonden {}",
                    verwachting(verwacht),
                    gevonden_waarde(gevonden)
                ),
                None => format!("{soort}: {rest}"),
            };
        }
    }
    if let Some((waarde, lijst)) = message.split_once(" is not a code of ") {
        return format!("{waarde} is geen code van {lijst}");
    }
    message.to_owned()
}

/// `` `a`, `b` `` or `` one of `a`, `b` `` as `a, b`.
fn opsomming(text: &str) -> String {
    text.trim_start_matches("one of ")
        .replace("` or `", "` of `")
        .replace('`', "")
}

fn verwachting(text: &str) -> String {
    match text {
        "u8" | "u16" | "u32" | "u64" | "i64" => "een geheel getal".to_owned(),
        "a boolean" => "true of false".to_owned(),
        "a string" => "tekst".to_owned(),
        "a sequence" => "een lijst".to_owned(),
        "a map" => "een object".to_owned(),
        _ if text.starts_with("struct ") => "een object".to_owned(),
        _ if text.starts_with("enum ") => "een van de toegestane waarden".to_owned(),
        _ => match text.split_once(" code of ") {
            Some((_, lijst)) => format!("een code van {lijst}"),
            None => text.to_owned(),
        },
    }
}

fn gevonden_waarde(text: &str) -> String {
    let text = text.replace('`', "");
    if let Some(rest) = text.strip_prefix("string ") {
        return format!("de tekst {rest}");
    }
    for (engels, nederlands) in [
        ("integer ", "het getal "),
        ("floating point ", "het getal "),
        ("boolean ", ""),
    ] {
        if let Some(rest) = text.strip_prefix(engels) {
            return format!("{nederlands}{rest}");
        }
    }
    match text.as_str() {
        "map" => "een object".to_owned(),
        "sequence" => "een lijst".to_owned(),
        "unit value" | "null" => "null".to_owned(),
        "string" => "tekst".to_owned(),
        _ => text,
    }
}
