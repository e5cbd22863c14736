//! A matches request of either kind, as both roles read it: the body checked against its schema
//! and typed; compiling its question finds what the schema cannot, such as an unknown PC4.

use axum::body::{Body, Bytes};
use axum::http::HeaderMap;
use serde::de::DeserializeOwned;
use vum_spec::Message;
use vum_spec::berichten::{VacatureMatchesRequest, WerkzoekendeMatchesRequest};

use super::body::{BodyLimits, read_json};
use super::error::ApiError;
use crate::index::{Hits, Index, Interner};
use crate::selectie::{SelectieError, VacatureVraagPlan, WerkzoekendeVraagPlan};
use crate::store::Kind;

/// The body of `POST …/matches` for one kind of profile.
pub trait Zoekvraag: DeserializeOwned + Send + 'static {
    /// Its message.
    const MESSAGE: Message;
    /// The kind of profile it asks for.
    const KIND: Kind;

    /// The profiles of `index` that answer it, at most `limit`.
    fn search(&self, index: &Index, limit: usize) -> Result<Hits, SelectieError>;

    /// Whether it can be answered at all (compiled without an index).
    fn check(&self) -> Result<(), SelectieError>;
}

impl Zoekvraag for WerkzoekendeMatchesRequest {
    const MESSAGE: Message = Message::WerkzoekendeMatchesRequest;
    const KIND: Kind = Kind::Werkzoekende;

    fn search(&self, index: &Index, limit: usize) -> Result<Hits, SelectieError> {
        let plan = WerkzoekendeVraagPlan::compile(&self.vraag_object, index.codes())?;
        Ok(index.search_werkzoekenden(&plan, limit))
    }

    fn check(&self) -> Result<(), SelectieError> {
        WerkzoekendeVraagPlan::compile(&self.vraag_object, &Interner::default()).map(|_| ())
    }
}

impl Zoekvraag for VacatureMatchesRequest {
    const MESSAGE: Message = Message::VacatureMatchesRequest;
    const KIND: Kind = Kind::Vacature;

    fn search(&self, index: &Index, limit: usize) -> Result<Hits, SelectieError> {
        let plan = VacatureVraagPlan::compile(&self.vraag_object, index.codes())?;
        Ok(index.search_vacatures(&plan, limit))
    }

    fn check(&self) -> Result<(), SelectieError> {
        VacatureVraagPlan::compile(&self.vraag_object, &Interner::default()).map(|_| ())
    }
}

/// Reads a question: the bytes as received and the typed request, valid against its schema. What
/// only compiling finds ([`Zoekvraag::check`], or [`Zoekvraag::search`] at a source, which
/// compiles once against its index) is left to the caller.
pub async fn read_question<Q: Zoekvraag>(
    headers: &HeaderMap,
    body: Body,
    limits: BodyLimits,
) -> Result<(Bytes, Q), ApiError> {
    let (bytes, value) = read_json(headers, body, Q::MESSAGE, limits).await?;
    let request: Q = serde_json::from_value(value)
        .map_err(|e| ApiError::Invalid(format!("vraagObject: {e}")))?;
    Ok((bytes, request))
}
