/** The languages the hub answers in: Chinese for staff, English for integrators (no Node imports: the console bundles it). */
export type Language = 'zh' | 'en';
