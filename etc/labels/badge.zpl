# badge.zpl — `wipstation admin badge-label`, 60 x 30 mm: a person's badge to scan at the
# login screen: Code 128 of the badge, the name and the role (and the badge, readable).
# A badge of up to 16 characters fits the bar code at 0.25 mm modules (^BY2): the
# command refuses longer ones.
#
# Units: 203-dpi dots (8 dots/mm; 60 mm = 480 dots). With [printer] dpi = 300 wipstation
# multiplies every length by 12/8 (300-dpi printers have 12 dots/mm), so the label has
# the same physical layout; barcode module widths (^BY) are rounded to whole dots and
# never grow (^BY2 -> 3 is exact: 0.25 mm at both).
#
# Placeholders (field data only, inside ^FH ... ^FD ... ^FS): {{badge}} {{name}} {{role}}
# {{printed_at}} {{station}} (the unit ones are empty on a badge label). Values are
# hex-escaped, <= 64 bytes.
^XA
^CI28
^PW480
^LL240
^LH0,0
^FO20,14^FB440,1,0,L^A0N,34,30^FH^FD{{name}}^FS
^FO20,54^FB440,1,0,L^A0N,24,22^FH^FD{{role}}   {{badge}}^FS
^FO24,92^BY2^BCN,100,N,N,N,A^FH^FD{{badge}}^FS
^FO20,208^FB440,1,0,L^A0N,18,16^FH^FDprinted {{printed_at}}^FS
^PQ1
^XZ
