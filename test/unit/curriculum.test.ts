import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AREAS, PublicCourse, PublicIndex, PublicLocalPages, ServerCatalog } from '../../functions/contract/catalog.ts';
import { checkCourses, readCourseSources } from '../../functions/catalog/cli.ts';

// The real curriculum in courses/: it must compile and meet every content rule, exactly as `npm run courses:check` does.
const root = fileURLToPath(new URL('../../', import.meta.url));
const { result, problems } = checkCourses(readCourseSources(root));

describe('the curriculum in courses/', () => {
  it('compiles with no errors and no content-rule violations', () => {
    // One problem per line, as `npm run courses:check` prints them.
    expect(problems.join('\n')).toBe('');
  });

  it('has the sogyo-kiso course with every module listed in course.yaml', () => {
    const course = PublicCourse.parse(result.publicFiles.get('sogyo-kiso/course.json'));
    const listed = result.courses.find((c) => c.id === 'sogyo-kiso')?.course.data.modules;
    expect(course.modules.map((m) => m.id)).toEqual(listed);
    expect(new Set(course.modules.flatMap((m) => m.areas))).toEqual(new Set(AREAS));
  });

  it('produces a valid server catalog with an answer key for every question', () => {
    const server = ServerCatalog.parse(result.server);
    for (const m of server.courses.flatMap((c) => c.modules)) {
      for (const q of m.quiz?.questions ?? []) {
        expect(q.correct.every((id) => q.choiceIds.includes(id)), `${m.id} ${q.id}`).toBe(true);
        if (q.type === 'single') expect(q.correct, `${m.id} ${q.id}`).toHaveLength(1);
      }
    }
  });

  it('publishes the demo municipalities’ local pages, each in its own file', () => {
    expect(PublicIndex.parse(result.publicFiles.get('index.json')).local).toEqual(['271004', '271403']);
    for (const [code, other] of [['271004', '271403'], ['271403', '271004']] as const) {
      for (const lang of ['', '.en']) {
        const file = PublicLocalPages.parse(result.publicFiles.get(`local/${code}${lang}.json`));
        expect(file.tenantId).toBe(code);
        expect(file.pages.length).toBeGreaterThan(0);
        const otherTitles = PublicLocalPages.parse(result.publicFiles.get(`local/${other}${lang}.json`)).pages.map((p) => p.title);
        expect(file.pages.map((p) => p.title).filter((t) => otherTitles.includes(t) && !t.includes('デモ用'))).toEqual([]);
      }
    }
  });

  it('has at least one module in English, with an English file for each of its lessons and its quiz', () => {
    const course = PublicCourse.parse(result.publicFiles.get('sogyo-kiso/course.json'));
    const english = course.modules.filter((m) => m.languages.includes('en'));
    expect(english.map((m) => m.id)).toContain('m17-post-launch-review');
    for (const m of english) {
      for (const l of m.lessons) expect(result.publicFiles.has(`sogyo-kiso/${m.id}/${l.id}.en.json`), `${m.id}/${l.id}`).toBe(true);
      if (m.quiz) expect(result.publicFiles.has(`sogyo-kiso/${m.id}/quiz.en.json`), m.id).toBe(true);
    }
  });
});
