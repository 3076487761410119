// Plays the runner's player page in headless Chromium (Debian's, via playwright-core) and prints one JSON line:
// { supported, errors, samples: [{ takenAt, currentTime, paused, level, latency, wallLatency }], switchedTo, lowLatency,
// stalls }; takenAt is the sample's wall-clock time (ms since the Unix epoch);
// latency is the player's distance to the live edge in seconds (hls.js's hls.latency, dash.js's getCurrentLiveLatency());
// wallLatency (HLS) is the wall clock now minus the wall-clock time of the frame on screen, in seconds (hls.js's
// playingDate, from EXT-X-PROGRAM-DATE-TIME); stalls counts the video's 'waiting' events once it played. Modes hls-ll and dash-ll play without switching renditions.
// Usage: node play.cjs <playwright-core dir> <chromium path> <page url> <hls|hls-ll|dash|dash-ll> <seconds> [screenshot.png]
'use strict';
const [playwrightDir, chromiumPath, pageUrl, mode, secondsText, screenshot] = process.argv.slice(2);
const { chromium } = require(playwrightDir);

(async () => {
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--autoplay-policy=no-user-gesture-required', '--no-sandbox', '--mute-audio'],
  });
  const result = { supported: null, errors: [], pageErrors: [], samples: [], switchedTo: null };
  try {
    const page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
    page.on('pageerror', e => result.pageErrors.push(String(e)));
    await page.goto(pageUrl + '?mode=' + (mode.startsWith('dash') ? 'dash' : 'hls'));
    result.supported = await page.evaluate(() => MediaSource.isTypeSupported('video/mp4; codecs="avc1.64001e,mp4a.40.2"'));
    if (!result.supported) { return; }
    const deadline = Date.now() + 30000;
    // Wait until the playhead moves (the live edge needs a few segments first).
    while (Date.now() < deadline && await page.evaluate(() => document.getElementById('video').currentTime) <= 0) {
      await page.waitForTimeout(250);
    }
    await page.evaluate(() => {
      window.stalls = 0;
      document.getElementById('video').addEventListener('waiting', () => { window.stalls++; });
    });
    const seconds = Number(secondsText);
    const start = Date.now();
    while (Date.now() - start < seconds * 1000) {
      result.samples.push(await page.evaluate(() => ({
        takenAt: Date.now(),
        currentTime: document.getElementById('video').currentTime,
        paused: document.getElementById('video').paused,
        level: window.ladder.hls ? window.ladder.hls.currentLevel : null,
        latency: window.ladder.hls ? window.ladder.hls.latency : window.ladder.dash ? window.ladder.dash.getCurrentLiveLatency() : null,
        wallLatency: window.ladder.hls && window.ladder.hls.playingDate ? (Date.now() - window.ladder.hls.playingDate.getTime()) / 1000 : null,
      })));
      if (mode === 'hls' && result.switchedTo === null && Date.now() - start > seconds * 500) {
        // Switch to another rendition half way and keep watching the playhead.
        result.switchedTo = await page.evaluate(() => {
          const hls = window.ladder.hls;
          const target = (Math.max(hls.currentLevel, 0) + 1) % hls.levels.length;
          hls.currentLevel = target;
          return target;
        });
      }
      await page.waitForTimeout(1000);
    }
    result.errors = await page.evaluate(() => window.ladder.errors);
    result.lowLatency = await page.evaluate(() => window.ladder.lowLatency === true);
    result.stalls = await page.evaluate(() => window.stalls);
    if (screenshot) { await page.screenshot({ path: screenshot }); }
  } finally {
    await browser.close();
    console.log(JSON.stringify(result));
  }
})().catch(e => { console.error(e); process.exit(1); });
