// Authoring tool, not part of the build: turns a slide script (scripts/media/<name>.json) into a narrated lesson video
// with Japanese and English WebVTT captions, written into the module's media/ folder where the curriculum compiler
// checks them. Needs Debian's chromium, ffmpeg and espeak-ng (apt-get install -y chromium ffmpeg espeak-ng) and
// fonts-noto-cjk for the slides. Run: npx tsx scripts/media/make-video.ts scripts/media/procedures-flow.json
// The narration is synthetic speech from the kana reading of each slide; a municipality replaces it with a recorded
// video by putting its file and captions in the same place.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

interface Slide { heading: string; points: string[]; ja: string; kana: string; en: string }
interface Script { output: string; title: { ja: string; en: string }; slides: Slide[] }

const W = 960;
const H = 540;
const PAUSE = 0.7; // seconds of silence after each slide's narration

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const slideHtml = (title: string, s: Slide, i: number, n: number) => `<!doctype html><html lang="ja"><meta charset="utf-8"><style>
  body { margin: 0; width: ${W}px; height: ${H}px; font-family: 'Noto Sans CJK JP', sans-serif; background: #f6f8fb; color: #1a1f2b; }
  header { background: #0b5cab; color: #fff; padding: 22px 44px; font-size: 26px; }
  h1 { font-size: 46px; margin: 44px 44px 28px; line-height: 1.3; }
  ul { margin: 0 44px; padding-left: 1.2em; font-size: 34px; line-height: 1.6; }
  footer { position: absolute; bottom: 20px; right: 44px; font-size: 22px; color: #4a5568; }
</style><header>${esc(title)}</header><h1>${esc(s.heading)}</h1><ul>${s.points.map((p) => `<li>${esc(p)}</li>`).join('')}</ul>
<footer>創業キャンパス　${i + 1} / ${n}</footer></html>`;

const stamp = (t: number) => {
  const ms = Math.round(t * 1000);
  const h = Math.floor(ms / 3600000); const m = Math.floor(ms / 60000) % 60; const s = Math.floor(ms / 1000) % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}.${String(ms % 1000).padStart(3, '0')}`;
};
const seconds = (file: string) => Number(execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', file], { encoding: 'utf8' }).trim());

async function main(scriptFile: string) {
  const script = JSON.parse(readFileSync(scriptFile, 'utf8')) as Script;
  const work = mkdtempSync(join(tmpdir(), 'sogyo-video-'));
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const page = await browser.newPage({ viewport: { width: W, height: H } });
    const parts: string[] = [];
    const cues: Array<{ start: number; end: number; ja: string; en: string }> = [];
    let t = 0;
    for (const [i, s] of script.slides.entries()) {
      await page.setContent(slideHtml(script.title.ja, s, i, script.slides.length));
      const png = join(work, `s${i}.png`);
      await page.screenshot({ path: png });
      const wav = join(work, `s${i}.wav`);
      execFileSync('espeak-ng', ['-v', 'ja', '-s', '165', '-w', wav, s.kana]);
      const spoken = seconds(wav);
      const length = spoken + PAUSE;
      const part = join(work, `s${i}.webm`);
      execFileSync('ffmpeg', ['-v', 'error', '-y', '-loop', '1', '-framerate', '5', '-i', png, '-i', wav, '-af', `apad=pad_dur=${PAUSE}`, '-t', length.toFixed(3),
        '-c:v', 'libvpx-vp9', '-b:v', '0', '-crf', '40', '-row-mt', '1', '-pix_fmt', 'yuv420p', '-g', '600', '-c:a', 'libopus', '-b:a', '16k', '-ac', '1', '-ar', '48000', part]);
      parts.push(part);
      cues.push({ start: t, end: t + spoken + 0.2, ja: s.ja, en: s.en });
      t += seconds(part);
    }
    const list = join(work, 'list.txt');
    writeFileSync(list, parts.map((p) => `file '${p}'`).join('\n'));
    const out = resolve(script.output);
    mkdirSync(dirname(out), { recursive: true });
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'concat', '-safe', '0', '-i', list, '-c', 'copy', `${out}.webm`]);
    for (const lang of ['ja', 'en'] as const) {
      const body = cues.map((c, i) => `${i + 1}\n${stamp(c.start)} --> ${stamp(c.end)}\n${c[lang]}\n`).join('\n');
      writeFileSync(`${out}.${lang}.vtt`, `WEBVTT\n\n${body}`);
    }
    console.log(`${out}.webm: ${seconds(`${out}.webm`).toFixed(1)} s, ${(readFileSync(`${out}.webm`).length / 1024).toFixed(0)} KB; captions in ja and en`);
  } finally {
    await browser.close();
    rmSync(work, { recursive: true, force: true });
  }
}

void main(process.argv[2] ?? 'scripts/media/procedures-flow.json');
