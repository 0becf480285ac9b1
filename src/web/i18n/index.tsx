/**
 * Language: our message catalogues (one file per language, the keys of zh-CN shared by all) plus
 * antd's and dayjs's locale. The choice is kept in localStorage.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Locale as AntdLocale } from 'antd/es/locale';
import antdEn from 'antd/locale/en_US';
import antdZhCN from 'antd/locale/zh_CN';
import antdZhTW from 'antd/locale/zh_TW';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import 'dayjs/locale/zh-tw';
import en from './en.ts';
import zhCN, { type Catalogue, type MessageKey } from './zh-CN.ts';
import zhTW from './zh-TW.ts';
import { locales, type Locale } from './types.ts';

export { locales, type Locale, type MessageKey };

const catalogues: Record<Locale, Catalogue> = { 'zh-CN': zhCN, 'zh-TW': zhTW, en };
const antdLocales: Record<Locale, AntdLocale> = { 'zh-CN': antdZhCN, 'zh-TW': antdZhTW, en: antdEn };
const dayjsLocales: Record<Locale, string> = { 'zh-CN': 'zh-cn', 'zh-TW': 'zh-tw', en: 'en' };

export const LOCALE_STORAGE_KEY = 'gj.locale';

function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

function initialLocale(): Locale {
  try {
    const stored = localStorage.getItem(LOCALE_STORAGE_KEY);
    if (isLocale(stored)) return stored;
  } catch {
    // storage blocked: fall through to the default
  }
  return 'zh-CN';
}

export type Vars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

function format(template: string, vars?: Vars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

interface I18nValue {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: Translate;
  /** For keys built from free strings (audit actions): the label when there is one, else the fallback. */
  tMaybe: (key: string, fallback: string) => string;
  antdLocale: AntdLocale;
  formatNumber: (value: number, digits?: number) => string;
}

const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);

  const setLocale = useCallback((next: Locale) => {
    setLocaleState(next);
    try {
      localStorage.setItem(LOCALE_STORAGE_KEY, next);
    } catch {
      // not persisted; the choice still applies to this page
    }
  }, []);

  useEffect(() => {
    dayjs.locale(dayjsLocales[locale]);
    document.documentElement.lang = locale;
    document.title = catalogues[locale]['app.fullName'];
  }, [locale]);

  const value = useMemo<I18nValue>(() => {
    const catalogue = catalogues[locale];
    const numberFormat = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    return {
      locale,
      setLocale,
      t: (key, vars) => format(catalogue[key] ?? key, vars),
      tMaybe: (key, fallback) => (key in catalogue ? catalogue[key as MessageKey] : fallback),
      antdLocale: antdLocales[locale],
      formatNumber: (n, digits = 0) =>
        digits === 0 ? numberFormat.format(n) : new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(n),
    };
  }, [locale, setLocale]);

  // dayjs's global locale must be set before children render dates in the new language.
  dayjs.locale(dayjsLocales[locale]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
