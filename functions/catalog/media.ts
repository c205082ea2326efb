import type { Video } from '../contract/catalog.ts';
import type { CompileError, SourceLesson } from './source-tree.ts';
import type { Path } from './yaml-source.ts';

/**
 * Lesson videos and their captions: a lesson's `video:` names files in its module's media/ folder (or a video by https
 * URL); the checks here find the files, bound a video's size, parse the WebVTT captions and require a Japanese track.
 */

/** A binary file under a module's media/ folder (a video): the compiler needs its size and hash, not its bytes. */
export interface MediaFile {
  bytes: number;
  sha256: string;
}

/** Videos kept in the repository stay small; longer ones are hosted elsewhere and named by an https URL. */
export const MAX_VIDEO_BYTES = 10 * 1024 * 1024;
export const VIDEO_FILE = /^[a-z0-9][a-z0-9._-]*\.(webm|mp4)$/;
export const CAPTIONS_FILE = /^[a-z0-9][a-z0-9._-]*\.vtt$/;
const LANG_TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
const VTT_CUE_TIMING = /^(?:\d{2,}:)?[0-5]\d:[0-5]\d\.\d{3}\s+-->\s+(?:\d{2,}:)?[0-5]\d:[0-5]\d\.\d{3}(?:\s|$)/;

/** A module's media/ folder as the compiler sees it. */
export interface ModuleMedia {
  /** `courses/<course>/<module>` */
  dir: string;
  /** Captions: file name → text. */
  captions: ReadonlyMap<string, string>;
  /** Videos: file name → size and hash. */
  videos: ReadonlyMap<string, MediaFile>;
}

/** `media/<name>` → `<name>`; anything else (a path, a folder, another place) → null. */
function mediaName(src: string): string | null {
  const name = src.startsWith('media/') ? src.slice('media/'.length) : '';
  return name && !name.includes('/') ? name : null;
}

/** Where WebVTT text breaks the format, as a 1-based line and a message; null when it is a usable captions file. */
export function webVttProblem(text: string): { line: number; message: string } | null {
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  if (!/^WEBVTT(?:[ \t].*)?$/.test(lines[0] ?? '')) return { line: 1, message: 'a WebVTT captions file starts with the line "WEBVTT"' };
  let cues = 0;
  for (const [i, line] of lines.entries()) {
    if (!line.includes('-->')) continue;
    if (!VTT_CUE_TIMING.test(line)) return { line: i + 1, message: `cue timing "${line.trim()}": write it as 00:00:01.000 --> 00:00:04.000` };
    const text = lines[i + 1]?.trim() ?? '';
    if (!text) return { line: i + 1, message: 'a cue needs its caption text on the line after its timing' };
    cues++;
  }
  return cues === 0 ? { line: 1, message: 'no captions: add cues such as "00:00:00.000 --> 00:00:04.000" followed by the text' } : null;
}

/**
 * Checks a lesson's `video:` against its module's media/ folder and resolves file names to the URLs the browser uses.
 * A video is a file in media/ or a full https URL; captions are WebVTT files in media/, so the check can read them, and
 * a Japanese track is required (the curriculum is Japanese; JIS X 8341-3 asks captions of recorded video).
 */
export function checkVideo(lesson: SourceLesson, place: { courseId: string; moduleId: string }, mf: ModuleMedia, used: Set<string>, errors: CompileError[]): Video | undefined {
  const v = lesson.front.video;
  if (!v) return undefined;
  const base = `/content/${place.courseId}/${place.moduleId}/media/`;
  let ok = true;
  const fail = (path: Path, message: string, file = lesson.file, line = lesson.lineOf(['video', ...path])) => {
    errors.push({ file, line, message });
    ok = false;
  };

  let url = v.url;
  if (v.url.startsWith('https://')) {
    if (!URL.canParse(v.url)) fail(['url'], `video url "${v.url}" is not a valid URL`);
  } else {
    const name = mediaName(v.url);
    const meta = name ? mf.videos.get(name) : undefined;
    if (!name || !VIDEO_FILE.test(name)) fail(['url'], `video url "${v.url}": name a file in this module's media/ folder (media/<name>.webm or .mp4) or give a full https URL`);
    else if (!meta) fail(['url'], `video "${v.url}": there is no file ${mf.dir}/media/${name}`);
    else {
      used.add(name);
      if (meta.bytes > MAX_VIDEO_BYTES) fail(['url'], `video "${v.url}" is ${(meta.bytes / 1048576).toFixed(1)} MB: keep videos in the repository under ${MAX_VIDEO_BYTES / 1048576} MB, or host it elsewhere and give its https URL`);
      else url = base + name;
    }
  }

  const langs = new Set<string>();
  const captions = v.captions.map((c, i) => {
    const name = mediaName(c.src);
    const text = name ? mf.captions.get(name) : undefined;
    if (!name || !CAPTIONS_FILE.test(name)) fail(['captions', i, 'src'], `captions "${c.src}": name a WebVTT file in this module's media/ folder (media/<name>.vtt)`);
    else if (text === undefined) fail(['captions', i, 'src'], `captions "${c.src}": there is no file ${mf.dir}/media/${name}`);
    else {
      used.add(name);
      const problem = webVttProblem(text);
      if (problem) fail([], problem.message, `${mf.dir}/media/${name}`, problem.line);
    }
    if (!LANG_TAG.test(c.lang)) fail(['captions', i, 'lang'], `captions lang "${c.lang}": use a language tag such as ja or en`);
    else if (langs.has(c.lang)) fail(['captions', i, 'lang'], `two captions tracks in "${c.lang}"`);
    langs.add(c.lang);
    if (!c.label.trim()) fail(['captions', i, 'label'], 'captions label: name the track as the player lists it, e.g. 日本語');
    return { src: name ? base + name : c.src, lang: c.lang, label: c.label.trim() };
  });
  if (!langs.has('ja')) fail(['captions'], 'a video needs Japanese captions: add a track with lang: ja');
  return ok ? { url, captions } : undefined;
}
