import { describe, expect, it } from '@jest/globals';
import { canTransition, isPublished, statusesBefore, TERMINAL_STATUSES } from './message-status.js';

describe('message status transitions', () => {
  it('should move forward from queued through sending and sent to delivered', () => {
    expect(canTransition('queued', 'sending')).toBe(true);
    expect(canTransition('sending', 'sent')).toBe(true);
    expect(canTransition('sent', 'delivered')).toBe(true);
  });

  it('should keep a delivered message delivered when a late sent receipt arrives', () => {
    expect(canTransition('delivered', 'sent')).toBe(false);
    expect(canTransition('delivered', 'failed')).toBe(false);
  });

  it('should accept a delivery receipt that arrives before the provider call returned', () => {
    expect(canTransition('sending', 'delivered')).toBe(true);
  });

  it('should never leave a terminal status', () => {
    for (const from of TERMINAL_STATUSES) {
      for (const to of ['queued', 'sending', 'sent', 'delivered', 'failed', 'cancelled'] as const) {
        expect(canTransition(from, to)).toBe(false);
      }
    }
  });

  it('should not cancel or suppress a message the provider may already have', () => {
    expect(canTransition('sending', 'cancelled')).toBe(false);
    expect(canTransition('sent', 'suppressed')).toBe(false);
  });

  it('should allow a retry to put a sending message back in the queue only', () => {
    expect(statusesBefore('queued')).toEqual(['sending']);
    expect(statusesBefore('delivered').sort()).toEqual(['sending', 'sent']);
  });

  it('should not publish the internal sending status', () => {
    expect(isPublished('sending')).toBe(false);
    expect(isPublished('delivered')).toBe(true);
  });
});
