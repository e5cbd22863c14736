//! Why the client did not get what it asked for, in Dutch. No message quotes a profile.

use vum_spec::identificatoren::Identificator;
use vum_spec::taken::Veldfout;

/// What went wrong with a request of the mediator client.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum BemiddelaarFout {
    /// The client's own configuration (URL, TLS material, parties, version).
    #[error("{0}")]
    Instelling(String),
    /// The search breaks a rule of the task format or of the version asked in.
    #[error("zoekopdracht, veld {}: {}", .0.veld, .0.reden)]
    Zoekopdracht(Veldfout),
    /// A request would carry something that looks like a direct identifier: it was not sent.
    #[error(
        "niet verstuurd: {waar} bevat iets dat op een {} lijkt; een verzoek draagt nooit directe identificatoren",
        .soort.naam()
    )]
    Identificator {
        /// The URL or the body.
        waar: &'static str,
        /// What it looks like.
        soort: Identificator,
    },
    /// A `vumID` that is not of the form the contract allows.
    #[error(
        "{0:?} is geen vumID: alleen letters, cijfers en _ . - (1 tot 500 tekens); niet verstuurd"
    )]
    OngeldigVumId(String),
    /// A detail of a `vumID` that the answer of this question does not hold.
    #[error(
        "het vumID {0} komt niet uit het antwoord op deze zoekvraag; een detail wordt alleen gevraagd voor een match uit een eerder antwoord (niet verstuurd)"
    )]
    VreemdVumId(String),
    /// Another distinct detail of a question whose limit is reached.
    #[error(
        "al {max} details van deze zoekvraag opgevraagd: de standaard staat er niet meer toe (niet verstuurd)"
    )]
    DetailLimiet {
        /// The limit.
        max: usize,
    },
    /// The exchange answered with an error that trying again does not change.
    #[error("de uitwisselingsvoorziening antwoordde {status}{}", foutmelding(.code, .melding))]
    Antwoord {
        /// The HTTP status.
        status: u16,
        /// The error body's `code`, if the answer had a valid one.
        code: Option<String>,
        /// The error body's `message` and `details`.
        melding: Option<String>,
    },
    /// `429` with a `Retry-After` longer than the client waits.
    #[error(
        "de uitwisselingsvoorziening vraagt {seconden} s te wachten (429); langer dan de {max} s die deze client wacht"
    )]
    TeLangWachten {
        /// The wait asked for.
        seconden: u64,
        /// The longest wait of the policy.
        max: u64,
    },
    /// No usable answer after every try the policy allows.
    #[error("geen antwoord na {pogingen} poging(en); laatste: {laatste}")]
    Opgegeven {
        /// Tries made.
        pogingen: u32,
        /// What happened to the last one.
        laatste: String,
    },
    /// A `200` whose body breaks the mediator contract.
    #[error("het antwoord voldoet niet aan het contract ({0})")]
    Contract(String),
}

fn foutmelding(code: &Option<String>, melding: &Option<String>) -> String {
    match (code, melding) {
        (Some(code), Some(melding)) => format!(" {code}: {melding}"),
        (Some(code), None) => format!(" {code}"),
        (None, Some(melding)) => format!(": {melding}"),
        (None, None) => String::new(),
    }
}
