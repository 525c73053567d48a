# test.zpl — `wipstation print-test`, 40 x 20 mm (fits every label stock we use): a frame
# 1 mm inside the edge of a 40 x 20 mm label (38 x 18 mm: check the dpi and the
# alignment), the station and the time, and a Code 128 to try the scanner on.
#
# Units: 203-dpi dots (8 dots/mm; 40 mm = 320 dots). With [printer] dpi = 300 wipstation
# multiplies every length by 12/8 (300-dpi printers have 12 dots/mm), so the label has
# the same physical layout; barcode module widths are rounded to whole dots, never wider.
#
# Placeholders (field data only, inside ^FH ... ^FD ... ^FS): {{station}} {{printed_at}}
# {{operator}} (and the label ones, empty here). Values are hex-escaped, <= 64 bytes.
^XA
^CI28
^PW320
^LL160
^LH0,0
^FO8,8^GB304,144,2^FS
^FO20,18^A0N,22,20^FDWIPSTATION TEST^FS
^FO20,44^FB280,1,0,L^A0N,20,18^FH^FD{{station}}  {{printed_at}}^FS
^FO20,72^BY2^BCN,48,N,N,N,A^FDTEST^FS
^FO20,128^A0N,18,16^FDframe 38 x 18 mm^FS
^PQ1
^XZ
