import recordsZh from './locales/zh-CN.json';
import recordsEn from './locales/en-US.json';

export { RecordsPage, type RecordsPageProps } from './RecordsPage';
/** The page's texts, to mount under the `records` key of the translation namespace. */
export { recordsZh, recordsEn };
