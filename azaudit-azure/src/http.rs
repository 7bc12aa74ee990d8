//! The HTTP layer: authenticated GETs with bounded concurrency, retries, paging and metrics.
//!
//! Written on reqwest rather than an azure_core pipeline so that every attempt, retry,
//! throttle and byte is counted exactly where it happens (`Metrics`), and so that the
//! coverage record gets Azure's own error code and message.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use azure_core::credentials::{AccessToken, TokenCredential};
use azure_core::time::OffsetDateTime;
use serde_json::Value;
use tokio::sync::Semaphore;

use crate::metrics::{Metrics, Plane};
use crate::{CollectError, RetryPolicy};

/// Why a request did not yield data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchError {
    /// 403: the caller lacks permission (or a licence, for Graph reports).
    Forbidden(String),
    /// 404: the object does not exist.
    NotFound(String),
    /// Any other failure that outlived its retries, or a malformed body.
    Failed(String),
    /// 429 with a `Retry-After` longer than the collector waits, or throttled past the retries.
    Throttled(String),
}

impl FetchError {
    /// The message, as it goes into the coverage record.
    pub fn message(&self) -> &str {
        match self {
            FetchError::Forbidden(m)
            | FetchError::NotFound(m)
            | FetchError::Failed(m)
            | FetchError::Throttled(m) => m,
        }
    }
}

/// Where the requests go and how they are made.
pub(crate) struct Api {
    http: reqwest::Client,
    credential: Arc<dyn TokenCredential>,
    scopes: [String; 2],
    /// The origin (`https://host[:port]`) each plane's token may be sent to.
    origins: [String; 2],
    tokens: tokio::sync::Mutex<HashMap<Plane, Result<AccessToken, String>>>,
    permits: Semaphore,
    retry: RetryPolicy,
    timeout: Duration,
    pub(crate) metrics: Mutex<Metrics>,
    jitter: Mutex<u64>,
}

/// Tokens are renewed this long before they expire.
const TOKEN_MARGIN: Duration = Duration::from_secs(300);
/// Bodies larger than this are refused (a list page of ARM is well under 10 MB), counted as
/// they arrive (after gzip is inflated), so a refused body never costs more than this.
const MAX_BODY: usize = 64 << 20;
/// Pages of one list before paging stops (a link already seen stops it at once).
const MAX_PAGES: usize = 10_000;

/// `https://host[:port]` of a URL, lower case, the default port left out; `None` when it
/// has no host.
pub(crate) fn origin_of(url: &str) -> Option<String> {
    let u = reqwest::Url::parse(url).ok()?;
    let host = u.host_str()?.to_ascii_lowercase();
    Some(match u.port() {
        Some(p) => format!("{}://{host}:{p}", u.scheme()),
        None => format!("{}://{host}", u.scheme()),
    })
}

/// What one attempt got back.
struct Answer {
    status: u16,
    retry_after: Option<u64>,
    location: Option<String>,
    body: Result<Vec<u8>, String>,
}

impl Api {
    pub(crate) fn new(
        http: reqwest::Client,
        credential: Arc<dyn TokenCredential>,
        scopes: [String; 2],
        origins: [String; 2],
        concurrency: usize,
        retry: RetryPolicy,
        timeout: Duration,
    ) -> Self {
        let seed = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(0x9E37_79B9_7F4A_7C15)
            | 1;
        Self {
            http,
            credential,
            scopes,
            origins,
            tokens: tokio::sync::Mutex::new(HashMap::new()),
            permits: Semaphore::new(concurrency.max(1)),
            retry,
            timeout,
            metrics: Mutex::new(Metrics::default()),
            jitter: Mutex::new(seed),
        }
    }

    /// A bearer token for the plane, from the cache or the credential.
    pub(crate) async fn token(&self, plane: Plane) -> Result<String, CollectError> {
        let mut tokens = self.tokens.lock().await;
        match tokens.get(&plane) {
            Some(Ok(t)) if t.expires_on - TOKEN_MARGIN > OffsetDateTime::now_utc() => {
                return Ok(t.token.secret().to_string());
            }
            // A credential that failed once for a plane is not asked again in this run.
            Some(Err(m)) => return Err(CollectError::Credential(m.clone())),
            _ => {}
        }
        let scope = &self.scopes[plane as usize];
        match self.credential.get_token(&[scope.as_str()], None).await {
            Ok(t) => {
                let s = t.token.secret().to_string();
                tokens.insert(plane, Ok(t));
                Ok(s)
            }
            Err(e) => {
                let m = format!("{scope}: {}", credential_message(&e));
                tokens.insert(plane, Err(m.clone()));
                Err(CollectError::Credential(m))
            }
        }
    }

    /// Forget the plane's token, so that the next request asks the credential again.
    async fn forget_token(&self, plane: Plane) {
        self.tokens.lock().await.remove(&plane);
    }

    fn next_jitter(&self, max_ms: u64) -> u64 {
        // xorshift64: good enough to spread retries, no extra dependency.
        let mut x = self.jitter.lock().expect("jitter lock");
        *x ^= *x << 13;
        *x ^= *x >> 7;
        *x ^= *x << 17;
        if max_ms == 0 { 0 } else { *x % max_ms }
    }

    /// Backoff before retry `attempt` (1-based): exponential with full jitter, capped.
    fn backoff(&self, attempt: u32) -> Duration {
        let base = self.retry.base_delay.as_millis() as u64;
        let cap = self.retry.max_delay.as_millis() as u64;
        let exp = base.saturating_mul(1u64 << attempt.min(16)).min(cap);
        Duration::from_millis(exp / 2 + self.next_jitter(exp / 2 + 1))
    }

    /// Send one GET and read its body, within the limit.
    async fn attempt(&self, url: &str, token: String) -> Result<Answer, String> {
        let _permit = self.permits.acquire().await.expect("semaphore open");
        let mut resp = self
            .http
            .get(url)
            .bearer_auth(token)
            .header("Accept", "application/json")
            .timeout(self.timeout)
            .send()
            .await
            .map_err(|e| transport_message(&e))?;
        let status = resp.status().as_u16();
        let header = |name: &str| {
            resp.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(|v| v.trim().to_string())
        };
        let retry_after = header("retry-after").and_then(|v| v.parse::<u64>().ok());
        let location = header("location");
        let too_large = || format!("the response exceeds the {} MB limit", MAX_BODY >> 20);
        if resp.content_length().is_some_and(|n| n > MAX_BODY as u64) {
            return Ok(Answer {
                status,
                retry_after,
                location,
                body: Err(too_large()),
            });
        }
        // Read chunk by chunk (inflated when gzip), counting: a body is refused as soon as it
        // passes the limit, not after it has been held whole.
        let mut body = Vec::new();
        loop {
            match resp.chunk().await {
                Ok(Some(chunk)) => {
                    if body.len() + chunk.len() > MAX_BODY {
                        return Ok(Answer {
                            status,
                            retry_after,
                            location,
                            body: Err(too_large()),
                        });
                    }
                    body.extend_from_slice(&chunk);
                }
                Ok(None) => break,
                Err(e) => return Err(transport_message(&e)),
            }
        }
        Ok(Answer {
            status,
            retry_after,
            location,
            body: Ok(body),
        })
    }

    /// GET one JSON document, with retries. A token failure ends the whole collection.
    ///
    /// The token goes only to the plane's own origin: a URL elsewhere (a `nextLink` from a
    /// response) is refused before anything is sent, and a redirect is never followed.
    pub(crate) async fn get(
        &self,
        plane: Plane,
        url: &str,
    ) -> Result<Result<Value, FetchError>, CollectError> {
        let own = &self.origins[plane as usize];
        match origin_of(url) {
            Some(o) if o == *own => {}
            other => {
                let host = other.unwrap_or_else(|| "a URL without a host".into());
                return Ok(Err(FetchError::Failed(format!(
                    "a link to {host} leaves {own}: not followed (the token goes only to the cloud's own endpoints)"
                ))));
            }
        }
        let mut attempt = 0u32;
        let mut refreshed = false;
        loop {
            let token = self.token(plane).await?;
            let started = Instant::now();
            let outcome = self.attempt(url, token).await;
            let elapsed = started.elapsed();
            let (bytes, status) = match &outcome {
                Ok(a) => (
                    a.body.as_ref().map_or(0, |b| b.len() as u64),
                    Some(a.status),
                ),
                Err(_) => (0, None),
            };
            self.metrics.lock().expect("metrics lock").record(
                plane,
                bytes,
                elapsed,
                status == Some(429),
                attempt > 0,
            );
            tracing::debug!(
                plane = plane.name(),
                url,
                status = status.unwrap_or(0),
                elapsed_ms = elapsed.as_millis() as u64,
                attempt,
                "GET"
            );
            attempt += 1;
            let can_retry = attempt <= self.retry.max_retries;
            let answer = match outcome {
                Ok(a) => a,
                Err(e) if can_retry => {
                    let wait = self.backoff(attempt);
                    tracing::info!(plane = plane.name(), url, "retrying after {e}");
                    tokio::time::sleep(wait).await;
                    continue;
                }
                Err(e) => {
                    return Ok(Err(FetchError::Failed(format!(
                        "{e} (gave up after {attempt} attempts)"
                    ))));
                }
            };
            let body = match answer.body {
                Ok(b) => b,
                Err(e) => return Ok(Err(FetchError::Failed(e))),
            };
            match answer.status {
                200..=299 => {
                    return Ok(serde_json::from_slice::<Value>(&body)
                        .map_err(|e| FetchError::Failed(format!("malformed response body: {e}"))));
                }
                s @ 300..=399 => {
                    let to = answer
                        .location
                        .as_deref()
                        .and_then(origin_of)
                        .unwrap_or_else(|| "an unnamed location".into());
                    return Ok(Err(FetchError::Failed(format!(
                        "{s} redirect to {to}: not followed (Azure's APIs answer where they are asked)"
                    ))));
                }
                // A token revoked or rotated mid-run: ask the credential once more.
                401 if !refreshed => {
                    refreshed = true;
                    self.forget_token(plane).await;
                    tracing::info!(plane = plane.name(), url, "401: getting a new token");
                }
                429 => {
                    let asked = answer.retry_after.map(Duration::from_secs);
                    if let Some(wait) = asked.filter(|w| *w > self.retry.max_retry_after) {
                        return Ok(Err(FetchError::Throttled(format!(
                            "429 throttled: Retry-After {} s exceeds the {} s the collector waits",
                            wait.as_secs(),
                            self.retry.max_retry_after.as_secs()
                        ))));
                    }
                    if !can_retry {
                        return Ok(Err(FetchError::Throttled(format!(
                            "{} (gave up after {attempt} attempts)",
                            error_text(429, &body)
                        ))));
                    }
                    let wait = asked.unwrap_or_else(|| self.backoff(attempt));
                    tracing::info!(
                        plane = plane.name(),
                        url,
                        wait_ms = wait.as_millis() as u64,
                        "throttled (429): {}",
                        error_text(429, &body)
                    );
                    tokio::time::sleep(wait + Duration::from_millis(self.next_jitter(250))).await;
                }
                s @ (408 | 500..=599) if can_retry => {
                    let wait = self.backoff(attempt);
                    tracing::info!(
                        plane = plane.name(),
                        url,
                        wait_ms = wait.as_millis() as u64,
                        "retrying after {}",
                        error_text(s, &body)
                    );
                    tokio::time::sleep(wait).await;
                }
                status => {
                    let mut text = error_text(status, &body);
                    if matches!(status, 408 | 500..=599) {
                        text.push_str(&format!(" (gave up after {attempt} attempts)"));
                    }
                    return Ok(Err(match status {
                        403 => FetchError::Forbidden(text),
                        404 => FetchError::NotFound(text),
                        _ => FetchError::Failed(text),
                    }));
                }
            }
        }
    }

    /// GET a list and follow `nextLink` / `@odata.nextLink` as given, handing each item of
    /// `value` to `item` as its page arrives (a list is never held whole). On an error the
    /// items of the pages before it have been handed over already.
    pub(crate) async fn list(
        &self,
        plane: Plane,
        url: &str,
        item: &mut (dyn FnMut(Value) + Send),
    ) -> Result<Result<(), FetchError>, CollectError> {
        let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
        let mut next = Some(url.to_string());
        while let Some(u) = next.take() {
            if !seen.insert(u.clone()) {
                return Ok(Err(FetchError::Failed(format!(
                    "paging stopped: a next link returns to page {} of this list",
                    seen.len()
                ))));
            }
            if seen.len() > MAX_PAGES {
                return Ok(Err(FetchError::Failed(format!(
                    "paging stopped after {MAX_PAGES} pages"
                ))));
            }
            let page = match self.get(plane, &u).await? {
                Ok(v) => v,
                Err(e) => return Ok(Err(e)),
            };
            let Value::Object(mut page) = page else {
                return Ok(Err(FetchError::Failed(
                    "malformed response body: expected an object with `value`".into(),
                )));
            };
            match page.remove("value") {
                Some(Value::Array(v)) => v.into_iter().for_each(&mut *item),
                // ARM and Graph send `"value": []` for an empty list; a page without a list
                // says nothing of what the list holds.
                other => {
                    let what = match other {
                        None => "absent",
                        Some(Value::Null) => "null",
                        Some(_) => "not an array",
                    };
                    return Ok(Err(FetchError::Failed(format!(
                        "malformed response body: `value` is {what}"
                    ))));
                }
            }
            next = match ["nextLink", "@odata.nextLink"]
                .iter()
                .find_map(|k| page.get(*k).filter(|v| !v.is_null()))
            {
                None => None,
                Some(Value::String(s)) if s.is_empty() => None,
                Some(Value::String(s)) => Some(s.clone()),
                Some(_) => {
                    return Ok(Err(FetchError::Failed(
                        "malformed response body: the next link is not a string".into(),
                    )));
                }
            };
        }
        Ok(Ok(()))
    }
}

/// `403 AuthorizationFailed: message` from an ARM or Graph error body, or the status alone.
fn error_text(status: u16, body: &[u8]) -> String {
    let parsed: Option<Value> = serde_json::from_slice(body).ok();
    let err = parsed.as_ref().and_then(|v| v.get("error"));
    let code = err.and_then(|e| e.get("code")).and_then(Value::as_str);
    let msg = err.and_then(|e| e.get("message")).and_then(Value::as_str);
    match (code, msg) {
        (Some(c), Some(m)) => format!("{status} {c}: {m}"),
        (Some(c), None) => format!("{status} {c}"),
        _ => format!("{status} {}", reason(status)),
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        400 => "BadRequest",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "NotFound",
        408 => "RequestTimeout",
        429 => "TooManyRequests",
        500 => "InternalServerError",
        502 => "BadGateway",
        503 => "ServiceUnavailable",
        504 => "GatewayTimeout",
        _ => "HTTP error",
    }
}

fn transport_message(e: &reqwest::Error) -> String {
    // reqwest's Display names the URL, never headers: no token can appear here.
    let mut s = if e.is_timeout() {
        "request timed out".to_string()
    } else if e.is_connect() {
        "connection failed".to_string()
    } else {
        "transport error".to_string()
    };
    if let Some(inner) = std::error::Error::source(e) {
        s.push_str(&format!(": {inner}"));
    }
    s
}

/// An azure_core credential error, reduced to its message and causes.
fn credential_message(e: &azure_core::Error) -> String {
    let mut s = e.to_string();
    let mut src = std::error::Error::source(e);
    while let Some(inner) = src {
        let t = inner.to_string();
        if !s.contains(&t) {
            s.push_str(": ");
            s.push_str(&t);
        }
        src = inner.source();
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_text_reads_arm_and_graph_bodies() {
        let arm = br#"{"error":{"code":"AuthorizationFailed","message":"no access"}}"#;
        assert_eq!(error_text(403, arm), "403 AuthorizationFailed: no access");
        assert_eq!(error_text(500, b"<html>"), "500 InternalServerError");
    }
}
