# lot.zpl — lot label, 60 x 30 mm: Code 128 of the lot number, model and date.
#
# Units: 203-dpi dots (8 dots/mm; 60 mm = 480 dots). With [printer] dpi = 300 wipstation
# multiplies every length by 12/8 (300-dpi printers have 12 dots/mm), so the label has
# the same physical layout; barcode module widths (^BY, ^BQ) are rounded to whole dots
# and never grow (^BY2 -> 3 is exact: 0.25 mm at both).
#
# Placeholders (field data only, inside ^FH ... ^FD ... ^FS): {{lot}} {{model_code}}
# {{model_name}} {{production_date}} {{printed_at}} {{station}} {{operator}}
# ({{serial}} and {{wip_id}} are empty on a lot label). Values are hex-escaped, <= 64 bytes.
^XA
^CI28
^PW480
^LL240
^LH0,0
^FO20,14^A0N,30,28^FH^FDLOT^FS
^FO90,14^FB370,1,0,L^A0N,30,28^FH^FD{{lot}}^FS
^FO60,52^BY2^BCN,80,N,N,N,A^FH^FD{{lot}}^FS
^FO20,144^FB440,1,0,L^A0N,24,22^FH^FD{{model_code}} {{model_name}}^FS
^FO20,174^FB440,1,0,L^A0N,24,22^FH^FDDATE {{production_date}}^FS
^FO20,204^FB440,1,0,L^A0N,20,18^FH^FDprinted {{printed_at}} {{station}}^FS
^PQ1
^XZ
