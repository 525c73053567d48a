# wip.zpl — WIP label, 40 x 20 mm: Code 128 of the WIP ID, the ID in text, lot and date.
#
# Units: 203-dpi dots (8 dots/mm; 40 mm = 320 dots). With [printer] dpi = 300 wipstation
# multiplies every length by 12/8 (300-dpi printers have 12 dots/mm), so the label has
# the same physical layout; barcode module widths (^BY, ^BQ) are rounded to whole dots
# and never grow: ^BY2 -> 3 is exact, ^BY1 stays 1 (0.085 mm instead of 0.125 mm).
# The WIP ID (20 characters) needs ^BY1 to fit 40 mm with its quiet zones.
#
# Placeholders (field data only, inside ^FH ... ^FD ... ^FS): {{wip_id}} {{serial}}
# {{lot}} {{model_code}} {{model_name}} {{production_date}} {{printed_at}} {{station}}
# {{operator}}. Values are hex-escaped (^FH) and cut to 64 bytes.
# Lines: '#' comment, otherwise ZPL commands; see README "Printers" for the rules.
^XA
^CI28
^PW320
^LL160
^LH0,0
^FO40,12^BY1^BCN,72,N,N,N,A^FH^FD{{wip_id}}^FS
^FO12,92^FB296,1,0,C^A0N,24,20^FH^FD{{wip_id}}^FS
^FO12,124^FB296,1,0,C^A0N,20,18^FH^FD{{lot}}  {{production_date}}^FS
^PQ1
^XZ
