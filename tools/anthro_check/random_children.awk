BEGIN { srand(seed); print "sex,age_days,weight_kg,lenhei_cm,measure,headc_cm,muac_cm,triskin_mm,subskin_mm,oedema"
for (i = 0; i < rows; i++) {
  sex = (rand() < 0.02) ? "" : 1 + int(rand()*2)
  age = (rand() < 0.03) ? "" : sprintf("%.2f", rand()*1900)
  mo = (age == "" ? rand()*60 : age/30.4375)
  w = (rand() < 0.03) ? "" : sprintf("%.2f", (3.3 + mo*0.22) * (0.4 + 1.2*rand()))
  l = (rand() < 0.03) ? "" : sprintf("%.1f", (50 + mo*1.05) * (0.7 + 0.5*rand()))
  m = rand(); ms = (m < 0.4) ? "l" : (m < 0.8 ? "h" : "")
  hc = (rand() < 0.3) ? "" : sprintf("%.1f", (35 + mo*0.25)*(0.8+0.4*rand()))
  ac = (rand() < 0.3) ? "" : sprintf("%.1f", 9 + 10*rand())
  ts = (rand() < 0.3) ? "" : sprintf("%.1f", 3 + 15*rand())
  ss = (rand() < 0.3) ? "" : sprintf("%.1f", 3 + 12*rand())
  oe = (rand() < 0.05) ? "y" : "n"
  print sex "," age "," w "," l "," ms "," hc "," ac "," ts "," ss "," oe
} }
