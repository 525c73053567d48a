# commands.zpl — the station's command sheet (`wipstation print-commands`),
# 100 x 150 mm: one Code 128 per command (CMD:PASS, CMD:FAIL, CMD:OK, CMD:CANCEL,
# CMD:NEW, CMD:REWORK, CMD:SCRAP, CMD:REPRINT, CMD:TRACE, CMD:BOARD, CMD:LOGOUT, CMD:YES,
# CMD:NO, CMD:NEXT, CMD:PREV, CMD:MENU: a form is filled with the scanner alone), then
# one per defect code of the station's process (CMD:DEFECT:<code>).
#
# Units: 203-dpi dots (8 dots/mm; 100 mm = 800 dots). With [printer] dpi = 300 wipstation
# multiplies every length by 12/8 (300-dpi printers have 12 dots/mm), so the sheet has
# the same physical layout; barcode module widths are rounded to whole dots, never wider.
#
# The block between "@items" and "@end" is repeated for each command, in a grid:
#   columns=C rows=R   cells per label (more items continue on the next label)
#   origin=X,Y         where the first cell starts (dots)
#   step=DX,DY         distance between columns and between rows (dots)
# Inside the block ^FO/^FT are relative to the cell. Placeholders: {{code}} (the
# barcode's text, e.g. CMD:PASS) and {{text}} (PASS, or the defect code) inside the
# block; {{station}} {{process}} {{process_name}} {{printed_at}} {{page}} {{pages}}
# anywhere. At ^BY2 a code of up to 31 characters (CMD:DEFECT: + 20) fits the width.
^XA
^CI28
^PW800
^LL1200
^LH0,0
^FO24,24^FB752,1,0,L^A0N,36,32^FH^FDCOMMANDS {{station}} - P{{process}} {{process_name}}^FS
^FO24,66^FB752,1,0,L^A0N,22,20^FH^FDsheet {{page}}/{{pages}} - printed {{printed_at}}^FS
^FO24,94^GB752,2,2^FS
@items columns=1 rows=11 origin=24,106 step=0,98
^FO0,0^BY2^BCN,56,N,N,N,A^FH^FD{{code}}^FS
^FO0,62^A0N,24,22^FH^FD{{text}}   ({{code}})^FS
@end
^PQ1
^XZ
