//! Files the operating system asks the running app to open — on macOS, Finder's "open documents"
//! when a session, packet or scoresheet is double-clicked while giamkhao runs (or starts it): queued
//! from wherever the request arrives, taken by the app on its next frame, and routed as on Windows and
//! Linux, where a double-click starts a window of its own: a window whose document has no unsaved
//! changes opens the first file itself; any other file gets a new window, so unsaved work is never
//! put at risk.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

static QUEUE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
static WAKE: OnceLock<egui::Context> = OnceLock::new();

/// Asks the app to open `paths` (from any thread); the app wakes for them.
pub fn request(paths: impl IntoIterator<Item = PathBuf>) {
    if let Ok(mut queue) = QUEUE.lock() {
        queue.extend(paths);
    }
    if let Some(ctx) = WAKE.get() {
        ctx.request_repaint();
    }
}

/// What has been asked for since the last call, oldest first.
pub fn take() -> Vec<PathBuf> {
    QUEUE
        .lock()
        .map(|mut queue| std::mem::take(&mut *queue))
        .unwrap_or_default()
}

/// The app's context, woken when a request arrives (requests made before the app exists wait for its
/// first frame).
pub fn wake(ctx: &egui::Context) {
    let _ = WAKE.set(ctx.clone());
}

/// Where a file asked for goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    /// Opened in this window, in place of its document.
    ThisWindow,
    /// Opened in a new window of its own.
    NewWindow,
}

/// The route of each of `count` files asked for at once: the first into this window when nothing
/// in it is unsaved (`dirty`) and no file is being read into it, every other into a new window.
pub fn routes(count: usize, dirty: bool, busy: bool) -> Vec<Route> {
    (0..count)
        .map(|i| {
            if i == 0 && !dirty && !busy {
                Route::ThisWindow
            } else {
                Route::NewWindow
            }
        })
        .collect()
}

/// Starts giamkhao again on `path`, in a window of its own.
pub fn start_window(path: &Path) -> std::io::Result<()> {
    let exe = std::env::current_exe()?;
    std::process::Command::new(exe).arg(path).spawn().map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clean_window_takes_the_first_file_and_the_rest_get_windows_of_their_own() {
        assert_eq!(
            routes(3, false, false),
            [Route::ThisWindow, Route::NewWindow, Route::NewWindow]
        );
        assert_eq!(routes(1, true, false), [Route::NewWindow]);
        assert_eq!(routes(1, false, true), [Route::NewWindow]);
        assert!(routes(0, false, false).is_empty());
    }
}
