//! When to walk the contest folder again (see `store::folder`): the system's file events, grouped
//! so that a file written in several steps wakes the merge once, as hints; and a walk on a timer
//! whatever the events say, because network shares and some sync tools send none. Shared by the
//! organizer's app and `giamkhao watch`. Reading and merging stay in `store::folder`.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify_debouncer_full::notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

/// How long events are grouped before they wake a walk.
pub const GROUP: Duration = Duration::from_millis(150);

/// How often the folder is walked when no event comes.
pub const RESCAN: Duration = Duration::from_secs(3);

/// The folder's events and the rescan timer. The timer also wakes the caller through `wake` from a
/// thread of its own, so that an app whose window is minimized or covered (and draws no frames)
/// still walks the folder on time.
pub struct Watch {
    folder: PathBuf,
    events: mpsc::Receiver<()>,
    sender: mpsc::Sender<()>,
    wake: std::sync::Arc<dyn Fn() + Send + Sync>,
    debouncer: Option<Debouncer<RecommendedWatcher, RecommendedCache>>,
    rescan: Duration,
    last: Option<Instant>,
    /// Tells the timer's thread to stop (when the watch is dropped).
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl Drop for Watch {
    fn drop(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
    }
}

impl Watch {
    /// Starts following `folder`'s events (if the system gives any: a folder that is not there yet,
    /// or a share without events, is walked on the timer only). `wake` is called from the events'
    /// thread when something happened (the app asks for a frame).
    pub fn start(folder: &Path, rescan: Duration, wake: impl Fn() + Send + Sync + 'static) -> Watch {
        let (sender, events) = mpsc::channel();
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let wake: std::sync::Arc<dyn Fn() + Send + Sync> = std::sync::Arc::new(wake);
        {
            let (stop, wake) = (stop.clone(), wake.clone());
            std::thread::spawn(move || {
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    std::thread::sleep(rescan);
                    if !stop.load(std::sync::atomic::Ordering::Relaxed) {
                        wake();
                    }
                }
            });
        }
        let mut watch = Watch {
            folder: folder.to_path_buf(),
            events,
            sender,
            wake,
            debouncer: None,
            rescan,
            last: None,
            stop,
        };
        watch.arm();
        watch
    }

    /// (Re)starts the events, after the folder came back.
    pub fn arm(&mut self) {
        self.debouncer = None;
        let sender = self.sender.clone();
        let wake = self.wake.clone();
        let Ok(mut debouncer) = new_debouncer(GROUP, None, move |result: DebounceEventResult| {
            if result.is_ok_and(|events| !events.is_empty()) {
                let _ = sender.send(());
                wake();
            }
        }) else {
            return;
        };
        if debouncer.watch(&self.folder, RecursiveMode::Recursive).is_ok() {
            self.debouncer = Some(debouncer);
        }
    }

    /// Whether the system's events are followed (else the folder is walked on the timer only).
    pub fn has_events(&self) -> bool {
        self.debouncer.is_some()
    }

    /// Whether a walk is due now: something happened, or the timer ran out (or none was made yet).
    /// Takes the pending events.
    pub fn due(&mut self) -> bool {
        let mut due = false;
        while self.events.try_recv().is_ok() {
            due = true;
        }
        let timer = self.last.is_none_or(|last| last.elapsed() >= self.rescan);
        if due || timer {
            self.last = Some(Instant::now());
        }
        due || timer
    }

    /// Makes a walk due now (something changed that the folder's events do not tell: a key bound).
    pub fn soon(&mut self) {
        self.last = None;
    }

    /// How long until the timer's next walk.
    pub fn until_next(&self) -> Duration {
        self.last
            .map_or(Duration::ZERO, |last| self.rescan.saturating_sub(last.elapsed()))
    }

    /// Waits until a walk is due (for `giamkhao watch`).
    pub fn wait(&mut self) {
        loop {
            if self.due() {
                return;
            }
            if self.events.recv_timeout(self.until_next()).is_ok() {
                self.last = Some(Instant::now());
                return;
            }
        }
    }
}
