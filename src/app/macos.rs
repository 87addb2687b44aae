//! macOS only, and **unverified** (no Mac to build or run on; CI only compiles it): Finder's "open
//! documents". When a session, packet or scoresheet is double-clicked, macOS does not start the app
//! with the file as an argument; it sends the file to the app (starting it if need be) as a call of
//! `application:openURLs:` on the application's delegate. winit's delegate does not answer that call,
//! and winit has no event for it, so [`listen`] gives the answer to every Objective-C object (the
//! delegate among them) before the event loop starts, so that the files asked for at launch arrive
//! too. Each file goes to [`super::open_requests`], which the app takes on its next frame.

use std::path::PathBuf;

use objc2::runtime::{AnyClass, AnyObject, Imp, Sel};
use objc2::sel;
use objc2_foundation::{NSArray, NSURL};

/// `-[delegate application:openURLs:]`: the files' paths, queued for the app.
unsafe extern "C-unwind" fn open_urls(
    _this: &AnyObject,
    _cmd: Sel,
    _application: &AnyObject,
    urls: &NSArray<NSURL>,
) {
    let paths: Vec<PathBuf> = urls
        .to_vec()
        .iter()
        .filter_map(|url| url.path())
        .map(|path| PathBuf::from(path.to_string()))
        .collect();
    super::open_requests::request(paths);
}

/// Makes the application's delegate answer `application:openURLs:`. Call once, before the window
/// opens. Added to `NSObject` because winit's delegate class is made inside the event loop's
/// creation, too late to add it there before macOS sends the files a launch was asked for; the
/// selector is AppKit's delegate method, which no other object is asked for.
pub fn listen() {
    let Some(class) = AnyClass::get(c"NSObject") else {
        return;
    };
    type OpenUrls = unsafe extern "C-unwind" fn(&AnyObject, Sel, &AnyObject, &NSArray<NSURL>);
    // SAFETY: the signature is the method's (void return; self, _cmd, NSApplication*, NSArray*),
    // which the type encoding "v@:@@" states to the runtime.
    unsafe {
        let imp: Imp = std::mem::transmute::<OpenUrls, Imp>(open_urls);
        objc2::ffi::class_addMethod(
            std::ptr::from_ref(class).cast_mut(),
            sel!(application:openURLs:),
            imp,
            c"v@:@@".as_ptr(),
        );
    }
}
