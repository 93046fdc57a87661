// Links into the ApsaraVideo VOD console (best effort: the console's routes are not an API).
export function mediaConsoleUrl(mediaId: string): string {
  return `https://vod.console.aliyun.com/#/media/video/detail/${encodeURIComponent(mediaId)}/video`;
}

export function editingProjectsConsoleUrl(): string {
  return 'https://vod.console.aliyun.com/#/vod/production/editing';
}
