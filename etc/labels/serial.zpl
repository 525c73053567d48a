# serial.zpl — serial label, 60 x 30 mm: Code 128 of the serial, and in text
# the serial, lot, model and production date.
#
# Units: 203-dpi dots (8 dots/mm; 60 mm = 480 dots). With [printer] dpi = 300 wipstation
# multiplies every length by 12/8 (300-dpi printers have 12 dots/mm), so the label has
# the same physical layout; barcode module widths (^BY, ^BQ) are rounded to whole dots
# and never grow (^BY2 -> 3 is exact: 0.25 mm at both).
#
# Placeholders (field data only, inside ^FH ... ^FD ... ^FS): {{serial}} {{wip_id}}
# {{lot}} {{model_code}} {{model_name}} {{production_date}} {{printed_at}} {{station}}
# {{operator}}. Values are hex-escaped (^FH) and cut to 64 bytes.
# A QR code of the serial can be added with: ^FO380,120^BQN,2,3^FH^FDQA,{{serial}}^FS
^XA
^CI28
^PW480
^LL240
^LH0,0
^FO20,14^FB440,1,0,L^A0N,30,28^FH^FD{{serial}}^FS
^FO50,50^BY2^BCN,80,N,N,N,A^FH^FD{{serial}}^FS
^FO20,142^FB440,1,0,L^A0N,24,22^FH^FDLOT {{lot}}^FS
^FO20,172^FB440,1,0,L^A0N,24,22^FH^FD{{model_code}} {{model_name}}^FS
^FO20,202^FB440,1,0,L^A0N,24,22^FH^FDDATE {{production_date}}^FS
^PQ1
^XZ
