import recordsZh from './locales/zh-CN.json';
import recordsEn from './locales/en-US.json';

export { RecordsPage, type RecordsPageProps } from './RecordsPage';
/** Set around the records page: the form whose files its attachment and image fields show. */
export { FileScopeContext } from './scope';
/** The page's texts, to mount under the `records` key of the translation namespace. */
export { recordsZh, recordsEn };
