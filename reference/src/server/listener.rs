//! The accept loop both roles serve through, plain HTTP or mutual TLS, with bounded resources:
//! at most [`ConnectionLimits::max`] connections and [`ConnectionLimits::max_per_address`] per
//! client IP address (one more is closed at once), the TLS handshake and every request head
//! within [`ConnectionLimits::header_read_timeout`] of their first byte, and a connection closed
//! after [`ConnectionLimits::idle_timeout`] without a request in progress or a byte sent or
//! received. Every request carries the [`ClientAddress`] (and over TLS the [`PeerIdentity`]).
//!
//! HTTP/1.1, and HTTP/2 when TLS negotiates `h2` or a plain client opens with the HTTP/2
//! preface. The time a request may take once its head is in is the role's request deadline.

use std::collections::HashMap;
use std::future::Future;
use std::net::{IpAddr, SocketAddr};
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::Request;
use hyper::body::Incoming;
use hyper::server::conn::{http1, http2};
use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::service::TowerToHyperService;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Notify, watch};
use tokio_rustls::TlsAcceptor;

use super::admission::{ClientAddress, PeerIdentity};
use super::limit::ConnectionLimits;
use super::tls::{TlsError, TlsSettings, configure, verdict};

/// The largest request head hyper buffers; the node's own, lower limits on the URI and the header
/// fields (see `server::protocol`) answer with a JSON error body before this is reached.
const HEAD_BUFFER: usize = 64 * 1024;
/// Header fields hyper parses; the node's own limit is lower.
const HEAD_FIELDS: usize = 128;
/// Concurrent HTTP/2 streams per connection.
const H2_STREAMS: u32 = 64;
/// How long a connection that is being closed for idleness gets to finish.
const CLOSE_GRACE: Duration = Duration::from_secs(1);
/// How often a flood of refused connections is reported on stderr, at most.
const REPORT_EVERY: Duration = Duration::from_secs(10);
const H2_PREFACE: &[u8] = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";

/// Serves `router` on `listener` until `shutdown` completes: mutual TLS with `tls`, plain HTTP
/// without. On shutdown no new connection is accepted and open ones get `request_deadline` to
/// finish what they are doing.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    tls: Option<TlsSettings>,
    limits: ConnectionLimits,
    request_deadline: Duration,
    shutdown: impl Future<Output = ()>,
) -> Result<(), TlsError> {
    let tls = match tls {
        Some(settings) => {
            let (config, verifier) = configure(settings)?;
            Some((TlsAcceptor::from(config), verifier))
        }
        None => None,
    };
    let gate = Arc::new(Gate::default());
    let (stop, stopped) = watch::channel(false);
    let mut refused = Refused::default();
    tokio::pin!(shutdown);
    loop {
        let (tcp, peer) = tokio::select! {
            () = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok(connection) => connection,
                Err(error) => {
                    // Out of file descriptors, or the peer left before accept: wait, go on.
                    eprintln!("vum-node: accept failed: {error}");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
        };
        let Some(permit) = gate.admit(peer.ip(), limits) else {
            drop(tcp);
            refused.count(peer.ip());
            continue;
        };
        let _ = tcp.set_nodelay(true);
        let connection = Connection {
            router: router.clone(),
            peer,
            limits,
            request_deadline,
            stopped: stopped.clone(),
        };
        let tls = tls.clone();
        tokio::spawn(async move {
            let _permit = permit;
            match tls {
                Some((acceptor, verifier)) => {
                    let handshake = tokio::time::timeout(
                        connection.limits.header_read_timeout,
                        acceptor.accept(tcp),
                    );
                    let Ok(Ok(stream)) = handshake.await else {
                        return;
                    };
                    let identity =
                        verdict(verifier.as_ref(), stream.get_ref().1.peer_certificates());
                    let h2 = stream.get_ref().1.alpn_protocol() == Some(b"h2".as_slice());
                    connection
                        .run(stream, h2, Some(PeerIdentity(identity)))
                        .await;
                }
                None => {
                    let Some(h2) = opens_with_h2_preface(&tcp, connection.limits).await else {
                        return;
                    };
                    connection.run(tcp, h2, None).await;
                }
            }
        });
    }
    let _ = stop.send(true);
    let drained = Instant::now() + request_deadline + CLOSE_GRACE;
    while gate.open() > 0 && Instant::now() < drained {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    Ok(())
}

/// Whether a plain connection starts with the HTTP/2 preface (`None`: it closed, or sent nothing
/// in time).
async fn opens_with_h2_preface(tcp: &TcpStream, limits: ConnectionLimits) -> Option<bool> {
    let mut buffer = [0u8; 24];
    tokio::time::timeout(limits.idle_timeout, tcp.readable())
        .await
        .ok()?
        .ok()?;
    let decided = async {
        loop {
            let n = tcp.peek(&mut buffer).await.ok()?;
            if n == 0 {
                return None;
            }
            if buffer[..n] != H2_PREFACE[..n] {
                return Some(false);
            }
            if n == H2_PREFACE.len() {
                return Some(true);
            }
            // Part of the preface so far: wait for more (peek returns at once with what is there).
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    };
    tokio::time::timeout(limits.header_read_timeout, decided)
        .await
        .ok()?
}

/// One accepted connection, before its protocol runs.
struct Connection {
    router: Router,
    peer: SocketAddr,
    limits: ConnectionLimits,
    request_deadline: Duration,
    stopped: watch::Receiver<bool>,
}

impl Connection {
    async fn run<T>(self, stream: T, h2: bool, identity: Option<PeerIdentity>)
    where
        T: AsyncRead + AsyncWrite + Unpin + Send + 'static,
    {
        let activity = Arc::new(Activity::new(!h2));
        let io = TokioIo::new(Tracked {
            inner: stream,
            activity: Arc::clone(&activity),
        });
        let mut router = self
            .router
            .layer(axum::Extension(ClientAddress(self.peer.ip())));
        if let Some(identity) = identity {
            router = router.layer(axum::Extension(identity));
        }
        let tower = TowerToHyperService::new(router);
        let counter = Arc::clone(&activity);
        let service = hyper::service::service_fn(move |request: Request<Incoming>| {
            let guard = counter.begin();
            let answer = hyper::service::Service::call(&tower, request);
            async move {
                let response = answer.await;
                drop(guard);
                response
            }
        });
        let watch = Watch {
            activity,
            limits: self.limits,
            request_deadline: self.request_deadline,
            stopped: self.stopped,
        };
        if h2 {
            let connection = http2::Builder::new(TokioExecutor::new())
                .max_concurrent_streams(H2_STREAMS)
                .serve_connection(io, service);
            tokio::pin!(connection);
            watch
                .over(connection, http2::Connection::graceful_shutdown)
                .await;
        } else {
            let connection = http1::Builder::new()
                .header_read_timeout(None)
                .max_buf_size(HEAD_BUFFER)
                .max_headers(HEAD_FIELDS)
                .serve_connection(io, service);
            tokio::pin!(connection);
            watch
                .over(connection, http1::Connection::graceful_shutdown)
                .await;
        }
    }
}

/// What a connection's watchdog needs.
struct Watch {
    activity: Arc<Activity>,
    limits: ConnectionLimits,
    request_deadline: Duration,
    stopped: watch::Receiver<bool>,
}

impl Watch {
    /// Drives `connection` until it ends, closing it gracefully when it has been idle or sending
    /// a request head for too long, or when the node stops.
    async fn over<F: Future>(
        mut self,
        mut connection: Pin<&mut F>,
        graceful: impl Fn(Pin<&mut F>),
    ) {
        loop {
            let deadline = self.activity.deadline(self.limits);
            let expired = async {
                match deadline {
                    Some(at) => tokio::time::sleep_until(at.into()).await,
                    None => std::future::pending().await,
                }
            };
            tokio::select! {
                _ = connection.as_mut() => return,
                () = self.activity.changed.notified() => {}
                () = expired => {
                    if self.activity.deadline(self.limits).is_some_and(|at| at <= Instant::now()) {
                        break;
                    }
                }
                _ = self.stopped.changed() => break,
            }
        }
        graceful(connection.as_mut());
        let grace = if self.activity.in_flight.load(Ordering::Acquire) > 0 {
            self.request_deadline + CLOSE_GRACE
        } else {
            CLOSE_GRACE
        };
        let _ = tokio::time::timeout(grace, connection).await;
    }
}

/// What a connection is doing, for its watchdog: requests in progress, and when it last made
/// progress or began sending a request head.
struct Activity {
    started: Instant,
    /// Requests whose answer is not yet produced.
    in_flight: AtomicUsize,
    /// Milliseconds after `started` of the last request start or end, or byte written.
    progress: AtomicU64,
    /// 1 + milliseconds after `started` of the first byte read while no request was in progress
    /// (a request head on its way); 0 when none is.
    head: AtomicU64,
    /// Whether request heads are timed (HTTP/1; HTTP/2 reads frames between requests).
    time_heads: bool,
    /// Signalled when the deadline may have moved earlier or become due.
    changed: Notify,
}

impl Activity {
    fn new(time_heads: bool) -> Self {
        Self {
            started: Instant::now(),
            in_flight: AtomicUsize::new(0),
            progress: AtomicU64::new(0),
            head: AtomicU64::new(0),
            time_heads,
            changed: Notify::new(),
        }
    }

    fn now(&self) -> u64 {
        u64::try_from(self.started.elapsed().as_millis()).unwrap_or(u64::MAX)
    }

    /// When the connection is to be closed if nothing changes (`None`: a request is in progress,
    /// bounded by the request deadline).
    fn deadline(&self, limits: ConnectionLimits) -> Option<Instant> {
        if self.in_flight.load(Ordering::Acquire) > 0 {
            return None;
        }
        let at = |ms: u64, after: Duration| self.started + Duration::from_millis(ms) + after;
        match self.head.load(Ordering::Acquire) {
            0 => Some(at(
                self.progress.load(Ordering::Acquire),
                limits.idle_timeout,
            )),
            head => Some(at(head - 1, limits.header_read_timeout)),
        }
    }

    fn read(&self) {
        if self.time_heads
            && self.in_flight.load(Ordering::Acquire) == 0
            && self
                .head
                .compare_exchange(0, self.now() + 1, Ordering::AcqRel, Ordering::Acquire)
                .is_ok()
        {
            self.changed.notify_one();
        }
    }

    fn wrote(&self) {
        self.progress.store(self.now(), Ordering::Release);
    }

    /// A request is in; the guard ends it.
    fn begin(self: &Arc<Self>) -> InFlight {
        self.in_flight.fetch_add(1, Ordering::AcqRel);
        self.head.store(0, Ordering::Release);
        self.progress.store(self.now(), Ordering::Release);
        InFlight(Arc::clone(self))
    }
}

/// A request in progress on a connection.
struct InFlight(Arc<Activity>);

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.progress.store(self.0.now(), Ordering::Release);
        self.0.in_flight.fetch_sub(1, Ordering::AcqRel);
        self.0.changed.notify_one();
    }
}

/// A stream that tells its connection's [`Activity`] about bytes read and written.
struct Tracked<T> {
    inner: T,
    activity: Arc<Activity>,
}

impl<T: AsyncRead + Unpin> AsyncRead for Tracked<T> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let before = buf.filled().len();
        let polled = Pin::new(&mut self.inner).poll_read(cx, buf);
        if buf.filled().len() > before {
            self.activity.read();
        }
        polled
    }
}

impl<T: AsyncWrite + Unpin> AsyncWrite for Tracked<T> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        let polled = Pin::new(&mut self.inner).poll_write(cx, buf);
        if matches!(polled, Poll::Ready(Ok(n)) if n > 0) {
            self.activity.wrote();
        }
        polled
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        let polled = Pin::new(&mut self.inner).poll_write_vectored(cx, bufs);
        if matches!(polled, Poll::Ready(Ok(n)) if n > 0) {
            self.activity.wrote();
        }
        polled
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

/// Open connections, in all and per client address.
#[derive(Debug, Default)]
struct Gate {
    open: Mutex<(usize, HashMap<IpAddr, usize>)>,
}

impl Gate {
    /// A place for one more connection from `address`, if both limits allow it.
    fn admit(self: &Arc<Self>, address: IpAddr, limits: ConnectionLimits) -> Option<Permit> {
        let mut open = self
            .open
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let (total, per_address) = &mut *open;
        let from = per_address.get(&address).copied().unwrap_or(0);
        if *total >= limits.max || from >= limits.max_per_address {
            return None;
        }
        *total += 1;
        per_address.insert(address, from + 1);
        Some(Permit {
            gate: Arc::clone(self),
            address,
        })
    }

    fn open(&self) -> usize {
        self.open
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .0
    }
}

/// One open connection's place; given back when dropped.
struct Permit {
    gate: Arc<Gate>,
    address: IpAddr,
}

impl Drop for Permit {
    fn drop(&mut self) {
        let mut open = self
            .gate
            .open
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let (total, per_address) = &mut *open;
        *total = total.saturating_sub(1);
        if let Some(n) = per_address.get_mut(&self.address) {
            *n -= 1;
            if *n == 0 {
                per_address.remove(&self.address);
            }
        }
    }
}

/// Connections closed at once because a limit was reached, reported on stderr at most once per
/// [`REPORT_EVERY`] (a flood is one line, not one per connection).
#[derive(Debug, Default)]
struct Refused {
    count: u64,
    last: Option<IpAddr>,
    since: Option<Instant>,
}

impl Refused {
    fn count(&mut self, address: IpAddr) {
        self.count += 1;
        self.last = Some(address);
        let since = *self.since.get_or_insert_with(Instant::now);
        if since.elapsed() >= REPORT_EVERY {
            eprintln!(
                "vum-node: {} verbindingen direct gesloten in {} s (verbindingslimiet bereikt; laatste van {address})",
                self.count,
                since.elapsed().as_secs()
            );
            *self = Self::default();
        }
    }
}

/// Serves `router` over mutual TLS on `listener` until `shutdown` completes, with the default
/// connection limits and request deadline (see [`serve`]). There is no plain
/// HTTP listener in this mode.
pub async fn serve_tls(
    listener: TcpListener,
    router: Router,
    settings: TlsSettings,
    shutdown: impl Future<Output = ()>,
) -> Result<(), TlsError> {
    let limits = super::limit::Limits::default();
    serve(
        listener,
        router,
        Some(settings),
        limits.connections,
        limits.request_deadline,
        shutdown,
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_gate_holds_both_limits_and_gives_places_back() {
        let gate = Arc::new(Gate::default());
        let limits = ConnectionLimits {
            max: 3,
            max_per_address: 2,
            ..ConnectionLimits::default()
        };
        let a: IpAddr = [127, 0, 0, 1].into();
        let b: IpAddr = [127, 0, 0, 2].into();
        let first = gate.admit(a, limits).unwrap();
        let _second = gate.admit(a, limits).unwrap();
        assert!(gate.admit(a, limits).is_none(), "per address");
        let _third = gate.admit(b, limits).unwrap();
        assert!(gate.admit(b, limits).is_none(), "in all");
        drop(first);
        assert!(gate.admit(a, limits).is_some());
    }

    #[test]
    fn an_idle_connection_expires_after_the_idle_timeout_and_a_head_after_the_read_timeout() {
        let limits = ConnectionLimits {
            idle_timeout: Duration::from_secs(30),
            header_read_timeout: Duration::from_secs(10),
            ..ConnectionLimits::default()
        };
        let activity = Arc::new(Activity::new(true));
        let idle = activity.deadline(limits).unwrap();
        assert!(idle >= activity.started + Duration::from_secs(30));
        activity.read();
        let head = activity.deadline(limits).unwrap();
        assert!(head < idle, "a head under way is timed from its first byte");
        let request = activity.begin();
        assert_eq!(activity.deadline(limits), None, "a request in progress");
        drop(request);
        assert!(activity.deadline(limits).unwrap() >= idle);
    }
}
