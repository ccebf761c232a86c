import zhCN from '../locales/zh-CN.json';
import enUS from '../locales/en-US.json';
import formsZh from '../features/forms/locales/zh-CN.json';
import formsEn from '../features/forms/locales/en-US.json';
import flowsZh from '../features/flows/locales/zh-CN.json';
import flowsEn from '../features/flows/locales/en-US.json';
import approvalsZh from '../features/approvals/locales/zh-CN.json';
import approvalsEn from '../features/approvals/locales/en-US.json';
import notificationsZh from '../features/notifications/locales/zh-CN.json';
import notificationsEn from '../features/notifications/locales/en-US.json';
import { recordsEn, recordsZh } from '../features/records';

/**
 * Every UI text by language. Feature texts live beside their feature and are mounted under its name
 * (`t('forms.title')`), so a feature never edits the shared files to name its own things.
 */
export const translations = {
  'zh-CN': { ...zhCN, forms: formsZh, flows: flowsZh, records: recordsZh, approvals: approvalsZh, notifications: notificationsZh },
  en: { ...enUS, forms: formsEn, flows: flowsEn, records: recordsEn, approvals: approvalsEn, notifications: notificationsEn },
};
