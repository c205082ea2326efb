import type { ContentLang, PublicCourse, PublicCourseTranslation, PublicModule } from '../../../functions/contract/catalog.ts';
import { getCourse, getCourseTranslation } from '../api/progress.ts';
import { locale } from '../i18n/index.ts';

/**
 * Which language a founder reads content in: the app's language where the content has it, Japanese otherwise (the
 * source language, which every module has). A page in English that shows Japanese content says so and marks it lang="ja".
 */

export const hasEnglish = (m: Pick<PublicModule, 'languages'> | undefined) => Boolean(m?.languages?.includes('en'));

/** True when the app is in English and the content shown is Japanese: the page shows a notice. */
export const fallsBack = (contentLang: ContentLang | undefined) => locale() === 'en' && (contentLang ?? 'ja') === 'ja';

/**
 * The outline and, for an English reader of a course with translated modules, their English lesson titles
 * (course.en.json; a Japanese reader never fetches it).
 */
export async function loadCourseWithTranslation(courseId: string, lang: 'ja' | 'en'): Promise<{ course: PublicCourse; translation?: PublicCourseTranslation }> {
  const course = await getCourse(courseId);
  if (lang !== 'en' || !course.modules.some(hasEnglish)) return { course };
  return { course, translation: await getCourseTranslation(courseId) };
}

/** A lesson's title in the reader's language where its module is translated, with the language it is in. */
export function lessonTitle(translation: PublicCourseTranslation | undefined, moduleId: string, lesson: { id: string; title: string }): { text: string; lang: 'ja' | 'en' } {
  const en = translation?.modules.find((m) => m.id === moduleId)?.lessons.find((l) => l.id === lesson.id)?.title;
  return en !== undefined && locale() === 'en' ? { text: en, lang: 'en' } : { text: lesson.title, lang: 'ja' };
}
