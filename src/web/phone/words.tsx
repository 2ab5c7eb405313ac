import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import { usePrefetched } from '../light/prefetched';
import { request } from '../light/request';
import { useAccount } from './account';
import { phoneStrings } from './strings';

// The words of the phone pages in the language the member chose (their profile's `language`):
// Chinese from strings.ts, or the Mongolian the translators keep as data (GET /translations/mn),
// each string that has none yet shown in Chinese. The server renders a Mongolian page with them
// (WORDS_KEY); a page opened from the phone's copy asks for them (the worker keeps the answer).

type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type PhoneWords = Widen<typeof phoneStrings>;

/** The answer of GET /translations/mn?area=phone. */
export interface MongolianWords {
  strings: Record<string, string>;
  unreviewed: number;
}

export const WORDS_KEY = 'words';
export const WORDS_PATH = '/translations/mn?area=phone';

/** The phone strings with each `phone.…` key's Mongolian put in where there is one. */
export function withMongolian(mn: Record<string, string>): PhoneWords {
  const copy = (node: object, path: string): object =>
    Object.fromEntries(
      Object.entries(node).map(([key, value]) => {
        const at = `${path}.${key}`;
        return [key, typeof value === 'string' ? (mn[at] ?? value) : copy(value as object, at)];
      }),
    );
  return copy(phoneStrings, 'phone') as PhoneWords;
}

interface WordsState {
  words: PhoneWords;
  language: 'zh' | 'mn';
  /** Mongolian strings not yet reviewed by a translator (the page says 译文待审校) */
  unreviewed: number;
}

const WordsContext = createContext<WordsState>({ words: phoneStrings, language: 'zh', unreviewed: 0 });

export const useWords = () => useContext(WordsContext);

export function WordsProvider({ children }: { children: ReactNode }) {
  const { account } = useAccount();
  const rendered = usePrefetched<MongolianWords>(WORDS_KEY);
  const [mongolian, setMongolian] = useState<MongolianWords | undefined>(rendered.value);
  // the server's render decided, until the account says otherwise
  const language = account ? account.language : account === null ? 'zh' : mongolian ? 'mn' : 'zh';

  // biome-ignore lint/correctness/useExhaustiveDependencies: once, when the script takes the page over
  useEffect(() => {
    rendered.used();
  }, []);
  useEffect(() => {
    if (language !== 'mn' || mongolian) return;
    request<MongolianWords>('GET', WORDS_PATH).then(setMongolian, () => undefined);
  }, [language, mongolian]);

  const state: WordsState =
    language === 'mn' && mongolian
      ? { words: withMongolian(mongolian.strings), language, unreviewed: mongolian.unreviewed }
      : { words: phoneStrings, language: 'zh', unreviewed: 0 };
  return <WordsContext value={state}>{children}</WordsContext>;
}
