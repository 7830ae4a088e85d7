import { isFullSyncUnfinished, isInSync, offsetReading } from './sync-state';

describe('what the progress figures say about the target', () => {
  it('never calls an offset of 0 in sync while the full sync is below 100 %', () => {
    const copying = { full_migration_progress: '88', offset: '0' };
    expect(isInSync(copying)).toBe(false);
    expect(isFullSyncUnfinished(copying)).toBe(true);
    expect(offsetReading(copying)).toBe('fullSyncUnfinished');
    // A stopped task keeps its last figures: still unfinished at 67 %.
    expect(offsetReading({ full_migration_progress: 67, offset: 0 })).toBe('fullSyncUnfinished');
    expect(offsetReading({ full_migration_progress: '99.9', offset: '12' })).toBe('fullSyncUnfinished');
  });

  it('calls an offset of 0 in sync once the full sync has finished', () => {
    expect(isInSync({ full_migration_progress: '100', offset: '0' })).toBe(true);
    expect(offsetReading({ full_migration_progress: 100, offset: 0 })).toBe('inSync');
    expect(offsetReading({ full_migration_progress: '100', offset: '4200' })).toBe('value');
  });

  it('claims nothing when the full sync’s progress is missing or not a number: the figure is shown as given', () => {
    for (const full_migration_progress of [undefined, null, '', 'n/a']) {
      const stats = { full_migration_progress, offset: '0' };
      expect(isInSync(stats)).toBe(false);
      expect(isFullSyncUnfinished(stats)).toBe(false);
      expect(offsetReading(stats)).toBe('value');
    }
  });
});
