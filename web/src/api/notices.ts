import { createRoot, createSignal } from 'solid-js';
import type { MessageKey } from '../i18n/index.ts';

/** Something the data layer must tell the person, whatever page they are on (shown by components/Announcements). */
export interface Announcement { id: number; key: MessageKey; params?: Record<string, string | number>; tone: 'error' | 'info' }

const store = createRoot(() => {
  const [list, setList] = createSignal<Announcement[]>([]);
  return { list, setList };
});
let nextId = 1;

export const announcements = store.list;
export function announce(a: Omit<Announcement, 'id'>) {
  store.setList((l) => [...l, { ...a, id: nextId++ }]);
}
export function dismiss(id: number) {
  store.setList((l) => l.filter((a) => a.id !== id));
}
export function clearAnnouncements() {
  store.setList([]);
}
