export type HomeStat = { label: string; value: number | string; href?: string; tone?: 'default' | 'good' | 'bad' | 'warn' };
