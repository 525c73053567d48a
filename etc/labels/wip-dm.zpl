# wip-dm.zpl — WIP label, 40 x 20 mm, with a Data Matrix of the WIP ID instead of a
# Code 128 ([printer] wip_template = wip-dm): the ID in text, lot, date and model.
#
# Why: the 20-character WIP ID needs ^BY1 to fit 40 mm as Code 128 (wip.zpl), 1-dot bars
# (0.125 mm at 203 dpi, 0.085 mm at 300 dpi) that a worn print head or a cheap scanner
# misreads. As Data Matrix it is an 18 x 18 symbol of 0.25 mm modules (2 dots at 203 dpi,
# 3 at 300: exactly the same size), 4.5 mm square, read from any angle; it needs a 2D
# (imager) scanner, which reads Code 128 too. ^BX reads '~' and the character after it
# as an escape (~1 is FNC1): WIP IDs never contain '~'.
#
# Units: 203-dpi dots (8 dots/mm; 40 mm = 320 dots). With [printer] dpi = 300 wipstation
# multiplies every length by 12/8 (300-dpi printers have 12 dots/mm), so the label has
# the same physical layout; the ^BX module (2 dots) becomes 3 dots, the same 0.25 mm.
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
^FO16,24^BXN,2,200^FH^FD{{wip_id}}^FS
^FO76,20^FB232,1,0,L^A0N,24,18^FH^FD{{wip_id}}^FS
^FO76,52^FB232,1,0,L^A0N,20,16^FH^FD{{lot}}^FS
^FO76,78^FB232,1,0,L^A0N,20,16^FH^FD{{production_date}}^FS
^FO16,112^FB288,1,0,L^A0N,20,16^FH^FD{{model_code}} {{model_name}}^FS
^PQ1
^XZ
