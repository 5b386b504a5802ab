//! The process's allocator: the system allocator, counting the bytes it currently holds
//! so `/api/health` can report `memory.heapUsed` from the allocator itself.
#![allow(unsafe_code)]

use std::{
    alloc::{GlobalAlloc, Layout, System},
    sync::atomic::{AtomicUsize, Ordering},
};

static ALLOCATED: AtomicUsize = AtomicUsize::new(0);
/// The most held since [`return_freed_memory`] last looked (a racy maximum: close enough).
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(size: usize) {
    let held = ALLOCATED.fetch_add(size, Ordering::Relaxed) + size;
    if held > PEAK.load(Ordering::Relaxed) {
        PEAK.store(held, Ordering::Relaxed);
    }
}

pub struct CountingAllocator;

// SAFETY: every method forwards to `System` unchanged; the counter only observes sizes.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller upholds `GlobalAlloc::alloc`'s contract, which we pass on.
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            grew(layout.size());
        }
        ptr
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as for `alloc`.
        let ptr = unsafe { System.alloc_zeroed(layout) };
        if !ptr.is_null() {
            grew(layout.size());
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` was allocated by this allocator with `layout` (caller's contract).
        unsafe { System.dealloc(ptr, layout) };
        ALLOCATED.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller upholds `GlobalAlloc::realloc`'s contract.
        let new = unsafe { System.realloc(ptr, layout, new_size) };
        if !new.is_null() {
            grew(new_size);
            ALLOCATED.fetch_sub(layout.size(), Ordering::Relaxed);
        }
        new
    }
}

/// Bytes currently allocated through this allocator.
pub fn allocated_bytes() -> u64 {
    ALLOCATED.load(Ordering::Relaxed) as u64
}

/// How often freed memory is offered back to the system.
const TRIM_EVERY: std::time::Duration = std::time::Duration::from_secs(10);
/// Heap that must have been freed since the last look before a trim is worth its cost.
const TRIM_AFTER_FREEING: u64 = 16 << 20;
/// Resident memory beyond the heap that is worth a trim even without a recent drop.
const TRIM_WHEN_RETAINED: u64 = 48 << 20;
/// How often, at most, such a trim is tried (it may find nothing to hand back).
const RETAINED_TRIM_EVERY: std::time::Duration = std::time::Duration::from_secs(60);

/// glibc keeps freed memory in its arenas, so after 10,000 sockets leave the process
/// would stay at its peak size. Every [`TRIM_EVERY`], `malloc_trim` hands whole free pages
/// back when the heap is at least [`TRIM_AFTER_FREEING`] below its peak since the last
/// look; and at most every [`RETAINED_TRIM_EVERY`] when the resident size exceeds the heap
/// by [`TRIM_WHEN_RETAINED`]. The second catches memory freed in two smaller steps (the
/// sockets leave while documents are still loaded, the documents leave later), which the
/// first never sees: measured with `bench/run.sh --memory`, RSS then stayed near 90 MB
/// over a heap of 1.6 MB for three cycles of traffic (about 80 s).
pub async fn return_freed_memory() {
    let mut every = tokio::time::interval(TRIM_EVERY);
    let mut last_trim = std::time::Instant::now();
    loop {
        every.tick().await;
        let now = ALLOCATED.load(Ordering::Relaxed);
        let peak = PEAK.swap(now, Ordering::Relaxed);
        let dropped = peak.saturating_sub(now) as u64 >= TRIM_AFTER_FREEING;
        let retained = last_trim.elapsed() >= RETAINED_TRIM_EVERY
            && fluxstudio_api::probe::resident_bytes().saturating_sub(now as u64)
                >= TRIM_WHEN_RETAINED;
        if dropped || retained {
            trim();
            last_trim = std::time::Instant::now();
        }
    }
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn trim() {
    // SAFETY: `malloc_trim` only releases free pages of glibc's own arenas; it takes no
    // pointers of ours and is safe to call from any thread at any time.
    unsafe {
        libc::malloc_trim(0);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn trim() {}
