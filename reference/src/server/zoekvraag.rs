//! A matches request of either kind, as both roles read it: the body checked against its schema,
//! typed, and its `selectiegebied` in a known PC4 area (what the schema cannot see). A source then
//! searches its index with it; the exchange passes the bytes on as received.

use axum::body::{Body, Bytes};
use axum::http::HeaderMap;
use serde::de::DeserializeOwned;
use vum_spec::berichten::{VacatureMatchesRequest, WerkzoekendeMatchesRequest};
use vum_spec::geo::{Centroid, UnknownArea, centre};
use vum_spec::versie::Versie;
use vum_spec::vraag::Selectiegebied;
use vum_spec::{Kind, Message};

use super::body::{BodyLimits, integers, read_json};
use super::error::ApiError;

/// The body of `POST …/matches` for one kind of profile.
pub trait Zoekvraag: DeserializeOwned + Send + 'static {
    /// The kind of profile it asks for.
    const KIND: Kind;

    /// Its `selectiegebied`.
    fn selectiegebied(&self) -> &Selectiegebied;

    /// The question as a node of `versie` reads it: criteria of later versions are unknown ones.
    fn voor_versie(self, versie: &Versie) -> Result<Self, serde_json::Error>;

    /// The centre of its `selectiegebied`; an unknown PC4 area makes it unanswerable.
    fn centre(&self) -> Result<Centroid, UnknownArea> {
        centre(self.selectiegebied())
    }
}

impl Zoekvraag for WerkzoekendeMatchesRequest {
    const KIND: Kind = Kind::Werkzoekende;

    fn voor_versie(mut self, versie: &Versie) -> Result<Self, serde_json::Error> {
        self.vraag_object = self.vraag_object.voor_versie(versie)?;
        Ok(self)
    }

    fn selectiegebied(&self) -> &Selectiegebied {
        &self.vraag_object.selectiegebied
    }
}

impl Zoekvraag for VacatureMatchesRequest {
    const KIND: Kind = Kind::Vacature;

    fn voor_versie(mut self, versie: &Versie) -> Result<Self, serde_json::Error> {
        self.vraag_object = self.vraag_object.voor_versie(versie)?;
        Ok(self)
    }

    fn selectiegebied(&self) -> &Selectiegebied {
        &self.vraag_object.selectiegebied
    }
}

/// Reads a question in `versie`: the bytes as received and the typed request as a node of that
/// version reads it, valid against the version's schema and with a known centre.
pub async fn read_question<Q: Zoekvraag>(
    headers: &HeaderMap,
    body: Body,
    limits: BodyLimits,
    versie: &Versie,
) -> Result<(Bytes, Q), ApiError> {
    let message: Message = Q::KIND.matches_request_message();
    let (bytes, mut value) = read_json(headers, body, message, limits, versie).await?;
    integers(&mut value);
    let request: Q = serde_json::from_value(value).map_err(|e| {
        // The schema accepted it, so the types and the schema disagree: the operator's problem,
        // said to the caller without the Rust text.
        eprintln!("vum-node: a question valid against the schema does not read: {e}");
        ApiError::Invalid(
            "de zoekvraag voldoet aan het schema maar kan niet worden gelezen".to_owned(),
        )
    })?;
    let request = request.voor_versie(versie).map_err(|e| {
        eprintln!("vum-node: a question does not read back for version {versie}: {e}");
        ApiError::Internal
    })?;
    request
        .centre()
        .map_err(|e| ApiError::Invalid(e.to_string()))?;
    Ok((bytes, request))
}
