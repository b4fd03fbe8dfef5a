// The navigation as a menu that slides in over the page, below 900 px (Layout.tsx). A chunk of its
// own: MUI's modal machinery (focus trap, backdrop, transitions) is ~8 KB on the wire that a wide
// screen never needs and a narrow one needs only when the menu is first opened.
import Drawer from '@mui/material/Drawer';
import Toolbar from '@mui/material/Toolbar';
import type { ReactNode } from 'react';

export default function MenuDrawer({ open, onClose, width, children }: { open: boolean; onClose: () => void; width: number; children: ReactNode }) {
  return (
    <Drawer variant="temporary" open={open} onClose={onClose} sx={{ '& .MuiDrawer-paper': { width, boxSizing: 'border-box' } }}>
      <Toolbar />
      {children}
    </Drawer>
  );
}
