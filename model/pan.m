#define rand	pan_rand
#define pthread_equal(a,b)	((a)==(b))
#if defined(HAS_CODE) && defined(VERBOSE)
	#ifdef BFS_PAR
		bfs_printf("Pr: %d Tr: %d\n", II, t->forw);
	#else
		cpu_printf("Pr: %d Tr: %d\n", II, t->forw);
	#endif
#endif
	switch (t->forw) {
	default: Uerror("bad forward move");
	case 0:	/* if without executable clauses */
		continue;
	case 1: /* generic 'goto' or 'skip' */
		IfNotBlocked
		_m = 3; goto P999;
	case 2: /* generic 'else' */
		IfNotBlocked
		if (trpt->o_pm&1) continue;
		_m = 3; goto P999;

		 /* PROC :init: */
	case 3: // STATE 1 - mqc.pml:607 - [printf('@C %d %d %d %d %d\\n',2,2,1,0,3)] (0:0:0 - 1)
		IfNotBlocked
		reached[5][1] = 1;
		Printf("@C %d %d %d %d %d\n", 2, 2, 1, 0, 3);
		_m = 3; goto P999; /* 0 */
	case 4: // STATE 2 - mqc.pml:608 - [(run Publisher())] (0:0:0 - 1)
		IfNotBlocked
		reached[5][2] = 1;
		if (!(addproc(II, 1, 0)))
			continue;
		_m = 3; goto P999; /* 0 */
	case 5: // STATE 3 - mqc.pml:608 - [(run Subscriber())] (0:0:0 - 1)
		IfNotBlocked
		reached[5][3] = 1;
		if (!(addproc(II, 1, 1)))
			continue;
		_m = 3; goto P999; /* 0 */
	case 6: // STATE 4 - mqc.pml:608 - [(run Broker())] (0:0:0 - 1)
		IfNotBlocked
		reached[5][4] = 1;
		if (!(addproc(II, 1, 2)))
			continue;
		_m = 3; goto P999; /* 0 */
	case 7: // STATE 5 - mqc.pml:608 - [(run Net())] (0:0:0 - 1)
		IfNotBlocked
		reached[5][5] = 1;
		if (!(addproc(II, 1, 3)))
			continue;
		_m = 3; goto P999; /* 0 */
	case 8: // STATE 7 - mqc.pml:609 - [-end-] (0:0:0 - 1)
		IfNotBlocked
		reached[5][7] = 1;
		if (!delproc(1, II)) continue;
		_m = 3; goto P999; /* 0 */

		 /* PROC Final */
	case 9: // STATE 1 - mqc.pml:587 - [(timeout)] (0:0:0 - 1)
		IfNotBlocked
		reached[4][1] = 1;
		if (!(((trpt->tau)&1)))
			continue;
		_m = 1; goto P999; /* 0 */
	case 10: // STATE 2 - mqc.pml:589 - [assert((((empty(p2b)&&empty(b2p))&&empty(b2s))&&empty(s2b)))] (0:0:0 - 1)
		IfNotBlocked
		reached[4][2] = 1;
		spin_assert(((((q_len(now.p2b)==0)&&(q_len(now.b2p)==0))&&(q_len(now.b2s)==0))&&(q_len(now.s2b)==0)), "((((q_len(p2b)==0)&&(q_len(b2p)==0))&&(q_len(b2s)==0))&&(q_len(s2b)==0))", II, tt, t);
		_m = 3; goto P999; /* 0 */
	case 11: // STATE 3 - mqc.pml:594 - [assert(((ndone==2)&&(ndistinct==2)))] (0:0:0 - 1)
		IfNotBlocked
		reached[4][3] = 1;
		spin_assert(((((int)now.ndone)==2)&&(((int)now.ndistinct)==2)), "((ndone==2)&&(ndistinct==2))", II, tt, t);
		_m = 3; goto P999; /* 0 */
	case 12: // STATE 4 - mqc.pml:599 - [printf('@E\\n')] (0:0:0 - 1)
		IfNotBlocked
		reached[4][4] = 1;
		Printf("@E\n");
		_m = 3; goto P999; /* 0 */
	case 13: // STATE 5 - mqc.pml:600 - [-end-] (0:0:0 - 1)
		IfNotBlocked
		reached[4][5] = 1;
		if (!delproc(1, II)) continue;
		_m = 3; goto P999; /* 0 */

		 /* PROC Net */
	case 14: // STATE 1 - mqc.pml:525 - [((pup&&(losses<2)))] (8:0:2 - 1)
		IfNotBlocked
		reached[3][1] = 1;
		if (!((((int)now.pup)&&(((int)now.losses)<2))))
			continue;
		/* merge: losses = (losses+1)(8, 2, 8) */
		reached[3][2] = 1;
		(trpt+1)->bup.ovals = grab_ints(2);
		(trpt+1)->bup.ovals[0] = ((int)now.losses);
		now.losses = (((int)now.losses)+1);
#ifdef VAR_RANGES
		logval("losses", ((int)now.losses));
#endif
		;
		/* merge: printf('@P drop %d\\n',(pup&&(((((qhd<acc)&&(nwin<2))||((nwin>0)&&!((w_st[0]&2))))||((nwin>1)&&!((w_st[1]&2))))||((nwin>2)&&!((w_st[2]&2))))))(8, 3, 8) */
		reached[3][3] = 1;
		Printf("@P drop %d\n", (((int)now.pup)&&(((((((int)now.qhd)<((int)now.acc))&&(((int)now.nwin)<2))||((((int)now.nwin)>0)&& !((((int)now.w_st[0])&2))))||((((int)now.nwin)>1)&& !((((int)now.w_st[1])&2))))||((((int)now.nwin)>2)&& !((((int)now.w_st[ Index(2, 2) ])&2))))));
		/* merge: pup = 0(8, 4, 8) */
		reached[3][4] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.pup);
		now.pup = 0;
#ifdef VAR_RANGES
		logval("pup", ((int)now.pup));
#endif
		;
		/* merge: .(goto)(0, 9, 8) */
		reached[3][9] = 1;
		;
		_m = 3; goto P999; /* 4 */
	case 15: // STATE 5 - mqc.pml:526 - [p2b?_,_,_,_] (0:0:4 - 1)
		reached[3][5] = 1;
		if (q_len(now.p2b) == 0) continue;

		XX=1;
		(trpt+1)->bup.ovals = grab_ints(4);
		(trpt+1)->bup.ovals[0] = qrecv(now.p2b, XX-1, 0, 0);
		(trpt+1)->bup.ovals[1] = qrecv(now.p2b, XX-1, 1, 0);
		(trpt+1)->bup.ovals[2] = qrecv(now.p2b, XX-1, 2, 0);
		(trpt+1)->bup.ovals[3] = qrecv(now.p2b, XX-1, 3, 0);
		;
		qrecv(now.p2b, XX-1, 0, 0);
		qrecv(now.p2b, XX-1, 1, 0);
		qrecv(now.p2b, XX-1, 2, 0);
		qrecv(now.p2b, XX-1, 3, 1);
		
#ifdef HAS_CODE
		if (readtrail && gui) {
			char simtmp[32];
			sprintf(simvals, "%d?", now.p2b);
		sprintf(simtmp, "%d", ((int)_)); strcat(simvals, simtmp);		strcat(simvals, ",");
		sprintf(simtmp, "%d", ((int)_)); strcat(simvals, simtmp);		strcat(simvals, ",");
		sprintf(simtmp, "%d", ((int)_)); strcat(simvals, simtmp);		strcat(simvals, ",");
		sprintf(simtmp, "%d", ((int)_)); strcat(simvals, simtmp);		}
#endif
		;
		_m = 4; goto P999; /* 0 */
	case 16: // STATE 6 - mqc.pml:526 - [(empty(p2b))] (0:0:0 - 1)
		IfNotBlocked
		reached[3][6] = 1;
		if (!((q_len(now.p2b)==0)))
			continue;
		_m = 3; goto P999; /* 0 */
	case 17: // STATE 11 - mqc.pml:526 - [b2p?_,_,_,_] (0:0:4 - 1)
		reached[3][11] = 1;
		if (q_len(now.b2p) == 0) continue;

		XX=1;
		(trpt+1)->bup.ovals = grab_ints(4);
		(trpt+1)->bup.ovals[0] = qrecv(now.b2p, XX-1, 0, 0);
		(trpt+1)->bup.ovals[1] = qrecv(now.b2p, XX-1, 1, 0);
		(trpt+1)->bup.ovals[2] = qrecv(now.b2p, XX-1, 2, 0);
		(trpt+1)->bup.ovals[3] = qrecv(now.b2p, XX-1, 3, 0);
		;
		qrecv(now.b2p, XX-1, 0, 0);
		qrecv(now.b2p, XX-1, 1, 0);
		qrecv(now.b2p, XX-1, 2, 0);
		qrecv(now.b2p, XX-1, 3, 1);
		
#ifdef HAS_CODE
		if (readtrail && gui) {
			char simtmp[32];
			sprintf(simvals, "%d?", now.b2p);
		sprintf(simtmp, "%d", ((int)_)); strcat(simvals, simtmp);		strcat(simvals, ",");
		sprintf(simtmp, "%d", ((int)_)); strcat(simvals, simtmp);		strcat(simvals, ",");
		sprintf(simtmp, "%d", ((int)_)); strcat(simvals, simtmp);		strcat(simvals, ",");
		sprintf(simtmp, "%d", ((int)_)); strcat(simvals, simtmp);		}
#endif
		;
		_m = 4; goto P999; /* 0 */
	case 18: // STATE 12 - mqc.pml:526 - [(empty(b2p))] (16:0:0 - 1)
		IfNotBlocked
		reached[3][12] = 1;
		if (!((q_len(now.b2p)==0)))
			continue;
		/* merge: goto :b52(0, 13, 16) */
		reached[3][13] = 1;
		;
		_m = 3; goto P999; /* 1 */
	case 19: // STATE 18 - mqc.pml:527 - [((sup&&(losses<2)))] (25:0:2 - 1)
		IfNotBlocked
		reached[3][18] = 1;
		if (!((((int)now.sup)&&(((int)now.losses)<2))))
			continue;
		/* merge: losses = (losses+1)(25, 19, 25) */
		reached[3][19] = 1;
		(trpt+1)->bup.ovals = grab_ints(2);
		(trpt+1)->bup.ovals[0] = ((int)now.losses);
		now.losses = (((int)now.losses)+1);
#ifdef VAR_RANGES
		logval("losses", ((int)now.losses));
#endif
		;
		/* merge: printf('@S drop %d\\n',(sup&&(((((nin>0)&&((in_st[0]==3)||(in_st[0]==1)))||((nin>1)&&((in_st[1]==3)||(in_st[1]==1))))||((nin>2)&&((in_st[2]==3)||(in_st[2]==1))))||((nin>3)&&((in_st[3]==3)||(in_st[3]==1))))))(25, 20, 25) */
		reached[3][20] = 1;
		Printf("@S drop %d\n", (((int)now.sup)&&(((((((int)now.nin)>0)&&((((int)now.in_st[0])==3)||(((int)now.in_st[0])==1)))||((((int)now.nin)>1)&&((((int)now.in_st[1])==3)||(((int)now.in_st[1])==1))))||((((int)now.nin)>2)&&((((int)now.in_st[2])==3)||(((int)now.in_st[2])==1))))||((((int)now.nin)>3)&&((((int)now.in_st[3])==3)||(((int)now.in_st[3])==1))))));
		/* merge: sup = 0(25, 21, 25) */
		reached[3][21] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.sup);
		now.sup = 0;
#ifdef VAR_RANGES
		logval("sup", ((int)now.sup));
#endif
		;
		/* merge: .(goto)(0, 26, 25) */
		reached[3][26] = 1;
		;
		_m = 3; goto P999; /* 4 */
	case 20: // STATE 22 - mqc.pml:528 - [b2s?_,_,_,_] (0:0:4 - 1)
		reached[3][22] = 1;
		if (q_len(now.b2s) == 0) continue;

		XX=1;
		(trpt+1)->bup.ovals = grab_ints(4);
		(trpt+1)->bup.ovals[0] = qrecv(now.b2s, XX-1, 0, 0);
		(trpt+1)->bup.ovals[1] = qrecv(now.b2s, XX-1, 1, 0);
		(trpt+1)->bup.ovals[2] = qrecv(now.b2s, XX-1, 2, 0);
		(trpt+1)->bup.ovals[3] = qrecv(now.b2s, XX-1, 3, 0);
		;
		qrecv(now.b2s, XX-1, 0, 0);
		qrecv(now.b2s, XX-1, 1, 0);
		qrecv(now.b2s, XX-1, 2, 0);
		qrecv(now.b2s, XX-1, 3, 1);
		
#ifdef HAS_CODE
		if (readtrail && gui) {
			char simtmp[32];
			sprintf(simvals, "%d?", now.b2s);
		sprintf(simtmp, "%d", ((int)_)); strcat(simvals, simtmp);		strcat(simvals, ",");
		sprintf(simtmp, "%d", ((int)_)); strcat(simvals, simtmp);		strcat(simvals, ",");
		sprintf(simtmp, "%d", ((int)_)); strcat(simvals, simtmp);		strcat(simvals, ",");
		sprintf(simtmp, "%d", ((int)_)); strcat(simvals, simtmp);		}
#endif
		;
		_m = 4; goto P999; /* 0 */
	case 21: // STATE 23 - mqc.pml:528 - [(empty(b2s))] (0:0:0 - 1)
		IfNotBlocked
		reached[3][23] = 1;
		if (!((q_len(now.b2s)==0)))
			continue;
		_m = 3; goto P999; /* 0 */
	case 22: // STATE 28 - mqc.pml:528 - [s2b?_,_,_,_] (0:0:4 - 1)
		reached[3][28] = 1;
		if (q_len(now.s2b) == 0) continue;

		XX=1;
		(trpt+1)->bup.ovals = grab_ints(4);
		(trpt+1)->bup.ovals[0] = qrecv(now.s2b, XX-1, 0, 0);
		(trpt+1)->bup.ovals[1] = qrecv(now.s2b, XX-1, 1, 0);
		(trpt+1)->bup.ovals[2] = qrecv(now.s2b, XX-1, 2, 0);
		(trpt+1)->bup.ovals[3] = qrecv(now.s2b, XX-1, 3, 0);
		;
		qrecv(now.s2b, XX-1, 0, 0);
		qrecv(now.s2b, XX-1, 1, 0);
		qrecv(now.s2b, XX-1, 2, 0);
		qrecv(now.s2b, XX-1, 3, 1);
		
#ifdef HAS_CODE
		if (readtrail && gui) {
			char simtmp[32];
			sprintf(simvals, "%d?", now.s2b);
		sprintf(simtmp, "%d", ((int)_)); strcat(simvals, simtmp);		strcat(simvals, ",");
		sprintf(simtmp, "%d", ((int)_)); strcat(simvals, simtmp);		strcat(simvals, ",");
		sprintf(simtmp, "%d", ((int)_)); strcat(simvals, simtmp);		strcat(simvals, ",");
		sprintf(simtmp, "%d", ((int)_)); strcat(simvals, simtmp);		}
#endif
		;
		_m = 4; goto P999; /* 0 */
	case 23: // STATE 29 - mqc.pml:528 - [(empty(s2b))] (33:0:0 - 1)
		IfNotBlocked
		reached[3][29] = 1;
		if (!((q_len(now.s2b)==0)))
			continue;
		/* merge: goto :b54(0, 30, 33) */
		reached[3][30] = 1;
		;
		_m = 3; goto P999; /* 1 */
	case 24: // STATE 35 - mqc.pml:533 - [((crashes<1))] (41:0:2 - 1)
		IfNotBlocked
		reached[3][35] = 1;
		if (!((((int)now.crashes)<1)))
			continue;
		/* merge: crashes = (crashes+1)(41, 36, 41) */
		reached[3][36] = 1;
		(trpt+1)->bup.ovals = grab_ints(2);
		(trpt+1)->bup.ovals[0] = ((int)now.crashes);
		now.crashes = (((int)now.crashes)+1);
#ifdef VAR_RANGES
		logval("crashes", ((int)now.crashes));
#endif
		;
		/* merge: pup = 0(41, 37, 41) */
		reached[3][37] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.pup);
		now.pup = 0;
#ifdef VAR_RANGES
		logval("pup", ((int)now.pup));
#endif
		;
		/* merge: .(goto)(0, 42, 41) */
		reached[3][42] = 1;
		;
		_m = 3; goto P999; /* 3 */
	case 25: // STATE 38 - mqc.pml:533 - [p2b?_,_,_,_] (0:0:4 - 1)
		reached[3][38] = 1;
		if (q_len(now.p2b) == 0) continue;

		XX=1;
		(trpt+1)->bup.ovals = grab_ints(4);
		(trpt+1)->bup.ovals[0] = qrecv(now.p2b, XX-1, 0, 0);
		(trpt+1)->bup.ovals[1] = qrecv(now.p2b, XX-1, 1, 0);
		(trpt+1)->bup.ovals[2] = qrecv(now.p2b, XX-1, 2, 0);
		(trpt+1)->bup.ovals[3] = qrecv(now.p2b, XX-1, 3, 0);
		;
		qrecv(now.p2b, XX-1, 0, 0);
		qrecv(now.p2b, XX-1, 1, 0);
		qrecv(now.p2b, XX-1, 2, 0);
		qrecv(now.p2b, XX-1, 3, 1);
		
#ifdef HAS_CODE
		if (readtrail && gui) {
			char simtmp[32];
			sprintf(simvals, "%d?", now.p2b);
		sprintf(simtmp, "%d", ((int)_)); strcat(simvals, simtmp);		strcat(simvals, ",");
		sprintf(simtmp, "%d", ((int)_)); strcat(simvals, simtmp);		strcat(simvals, ",");
		sprintf(simtmp, "%d", ((int)_)); strcat(simvals, simtmp);		strcat(simvals, ",");
		sprintf(simtmp, "%d", ((int)_)); strcat(simvals, simtmp);		}
#endif
		;
		_m = 4; goto P999; /* 0 */
	case 26: // STATE 39 - mqc.pml:533 - [(empty(p2b))] (0:0:0 - 1)
		IfNotBlocked
		reached[3][39] = 1;
		if (!((q_len(now.p2b)==0)))
			continue;
		_m = 3; goto P999; /* 0 */
	case 27: // STATE 44 - mqc.pml:533 - [b2p?_,_,_,_] (0:0:4 - 1)
		reached[3][44] = 1;
		if (q_len(now.b2p) == 0) continue;

		XX=1;
		(trpt+1)->bup.ovals = grab_ints(4);
		(trpt+1)->bup.ovals[0] = qrecv(now.b2p, XX-1, 0, 0);
		(trpt+1)->bup.ovals[1] = qrecv(now.b2p, XX-1, 1, 0);
		(trpt+1)->bup.ovals[2] = qrecv(now.b2p, XX-1, 2, 0);
		(trpt+1)->bup.ovals[3] = qrecv(now.b2p, XX-1, 3, 0);
		;
		qrecv(now.b2p, XX-1, 0, 0);
		qrecv(now.b2p, XX-1, 1, 0);
		qrecv(now.b2p, XX-1, 2, 0);
		qrecv(now.b2p, XX-1, 3, 1);
		
#ifdef HAS_CODE
		if (readtrail && gui) {
			char simtmp[32];
			sprintf(simvals, "%d?", now.b2p);
		sprintf(simtmp, "%d", ((int)_)); strcat(simvals, simtmp);		strcat(simvals, ",");
		sprintf(simtmp, "%d", ((int)_)); strcat(simvals, simtmp);		strcat(simvals, ",");
		sprintf(simtmp, "%d", ((int)_)); strcat(simvals, simtmp);		strcat(simvals, ",");
		sprintf(simtmp, "%d", ((int)_)); strcat(simvals, simtmp);		}
#endif
		;
		_m = 4; goto P999; /* 0 */
	case 28: // STATE 45 - mqc.pml:533 - [(empty(b2p))] (75:0:0 - 1)
		IfNotBlocked
		reached[3][45] = 1;
		if (!((q_len(now.b2p)==0)))
			continue;
		/* merge: goto :b56(75, 46, 75) */
		reached[3][46] = 1;
		;
		/* merge: printf('@P crash\\n')(75, 50, 75) */
		reached[3][50] = 1;
		Printf("@P crash\n");
		_m = 3; goto P999; /* 2 */
	case 29: // STATE 50 - mqc.pml:534 - [printf('@P crash\\n')] (0:75:0 - 3)
		IfNotBlocked
		reached[3][50] = 1;
		Printf("@P crash\n");
		_m = 3; goto P999; /* 0 */
	case 30: // STATE 52 - mqc.pml:535 - [i = 0] (0:0:1 - 1)
		IfNotBlocked
		reached[3][52] = 1;
		(trpt+1)->bup.oval = ((int)((P3 *)_this)->i);
		((P3 *)_this)->i = 0;
#ifdef VAR_RANGES
		logval("Net:i", ((int)((P3 *)_this)->i));
#endif
		;
		_m = 3; goto P999; /* 0 */
	case 31: // STATE 53 - mqc.pml:535 - [((i<2))] (59:0:3 - 1)
		IfNotBlocked
		reached[3][53] = 1;
		if (!((((int)((P3 *)_this)->i)<2)))
			continue;
		/* merge: pv.rec[i] = pf.rec[i](59, 54, 59) */
		reached[3][54] = 1;
		(trpt+1)->bup.ovals = grab_ints(3);
		(trpt+1)->bup.ovals[0] = ((int)now.pv.rec[ Index(((int)((P3 *)_this)->i), 2) ]);
		now.pv.rec[ Index(((P3 *)_this)->i, 2) ] = ((int)now.pf.rec[ Index(((int)((P3 *)_this)->i), 2) ]);
#ifdef VAR_RANGES
		logval("pv.rec[Net:i]", ((int)now.pv.rec[ Index(((int)((P3 *)_this)->i), 2) ]));
#endif
		;
		/* merge: pv.id[i] = pf.id[i](59, 55, 59) */
		reached[3][55] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.pv.id[ Index(((int)((P3 *)_this)->i), 2) ]);
		now.pv.id[ Index(((P3 *)_this)->i, 2) ] = ((int)now.pf.id[ Index(((int)((P3 *)_this)->i), 2) ]);
#ifdef VAR_RANGES
		logval("pv.id[Net:i]", ((int)now.pv.id[ Index(((int)((P3 *)_this)->i), 2) ]));
#endif
		;
		/* merge: i = (i+1)(59, 56, 59) */
		reached[3][56] = 1;
		(trpt+1)->bup.ovals[2] = ((int)((P3 *)_this)->i);
		((P3 *)_this)->i = (((int)((P3 *)_this)->i)+1);
#ifdef VAR_RANGES
		logval("Net:i", ((int)((P3 *)_this)->i));
#endif
		;
		/* merge: .(goto)(0, 60, 59) */
		reached[3][60] = 1;
		;
		_m = 3; goto P999; /* 4 */
	case 32: // STATE 62 - mqc.pml:535 - [pv.note = pf.note] (0:84:2 - 3)
		IfNotBlocked
		reached[3][62] = 1;
		(trpt+1)->bup.ovals = grab_ints(2);
		(trpt+1)->bup.ovals[0] = ((int)now.pv.note);
		now.pv.note = ((int)now.pf.note);
#ifdef VAR_RANGES
		logval("pv.note", ((int)now.pv.note));
#endif
		;
		/* merge: .(goto)(84, 76, 84) */
		reached[3][76] = 1;
		;
		/* merge: i = 0(84, 77, 84) */
		reached[3][77] = 1;
		(trpt+1)->bup.ovals[1] = ((int)((P3 *)_this)->i);
		((P3 *)_this)->i = 0;
#ifdef VAR_RANGES
		logval("Net:i", ((int)((P3 *)_this)->i));
#endif
		;
		/* merge: .(goto)(0, 85, 84) */
		reached[3][85] = 1;
		;
		_m = 3; goto P999; /* 3 */
	case 33: // STATE 64 - mqc.pml:535 - [i = 0] (0:0:1 - 1)
		IfNotBlocked
		reached[3][64] = 1;
		(trpt+1)->bup.oval = ((int)((P3 *)_this)->i);
		((P3 *)_this)->i = 0;
#ifdef VAR_RANGES
		logval("Net:i", ((int)((P3 *)_this)->i));
#endif
		;
		_m = 3; goto P999; /* 0 */
	case 34: // STATE 65 - mqc.pml:535 - [((i<2))] (71:0:3 - 1)
		IfNotBlocked
		reached[3][65] = 1;
		if (!((((int)((P3 *)_this)->i)<2)))
			continue;
		/* merge: pv.rec[i] = pd.rec[i](71, 66, 71) */
		reached[3][66] = 1;
		(trpt+1)->bup.ovals = grab_ints(3);
		(trpt+1)->bup.ovals[0] = ((int)now.pv.rec[ Index(((int)((P3 *)_this)->i), 2) ]);
		now.pv.rec[ Index(((P3 *)_this)->i, 2) ] = ((int)now.pd.rec[ Index(((int)((P3 *)_this)->i), 2) ]);
#ifdef VAR_RANGES
		logval("pv.rec[Net:i]", ((int)now.pv.rec[ Index(((int)((P3 *)_this)->i), 2) ]));
#endif
		;
		/* merge: pv.id[i] = pd.id[i](71, 67, 71) */
		reached[3][67] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.pv.id[ Index(((int)((P3 *)_this)->i), 2) ]);
		now.pv.id[ Index(((P3 *)_this)->i, 2) ] = ((int)now.pd.id[ Index(((int)((P3 *)_this)->i), 2) ]);
#ifdef VAR_RANGES
		logval("pv.id[Net:i]", ((int)now.pv.id[ Index(((int)((P3 *)_this)->i), 2) ]));
#endif
		;
		/* merge: i = (i+1)(71, 68, 71) */
		reached[3][68] = 1;
		(trpt+1)->bup.ovals[2] = ((int)((P3 *)_this)->i);
		((P3 *)_this)->i = (((int)((P3 *)_this)->i)+1);
#ifdef VAR_RANGES
		logval("Net:i", ((int)((P3 *)_this)->i));
#endif
		;
		/* merge: .(goto)(0, 72, 71) */
		reached[3][72] = 1;
		;
		_m = 3; goto P999; /* 4 */
	case 35: // STATE 74 - mqc.pml:535 - [pv.note = pd.note] (0:84:2 - 3)
		IfNotBlocked
		reached[3][74] = 1;
		(trpt+1)->bup.ovals = grab_ints(2);
		(trpt+1)->bup.ovals[0] = ((int)now.pv.note);
		now.pv.note = ((int)now.pd.note);
#ifdef VAR_RANGES
		logval("pv.note", ((int)now.pv.note));
#endif
		;
		/* merge: .(goto)(84, 76, 84) */
		reached[3][76] = 1;
		;
		/* merge: i = 0(84, 77, 84) */
		reached[3][77] = 1;
		(trpt+1)->bup.ovals[1] = ((int)((P3 *)_this)->i);
		((P3 *)_this)->i = 0;
#ifdef VAR_RANGES
		logval("Net:i", ((int)((P3 *)_this)->i));
#endif
		;
		/* merge: .(goto)(0, 85, 84) */
		reached[3][85] = 1;
		;
		_m = 3; goto P999; /* 3 */
	case 36: // STATE 77 - mqc.pml:536 - [i = 0] (0:84:1 - 3)
		IfNotBlocked
		reached[3][77] = 1;
		(trpt+1)->bup.oval = ((int)((P3 *)_this)->i);
		((P3 *)_this)->i = 0;
#ifdef VAR_RANGES
		logval("Net:i", ((int)((P3 *)_this)->i));
#endif
		;
		/* merge: .(goto)(0, 85, 84) */
		reached[3][85] = 1;
		;
		_m = 3; goto P999; /* 1 */
	case 37: // STATE 78 - mqc.pml:536 - [((i<2))] (84:0:3 - 1)
		IfNotBlocked
		reached[3][78] = 1;
		if (!((((int)((P3 *)_this)->i)<2)))
			continue;
		/* merge: pd.rec[i] = pv.rec[i](84, 79, 84) */
		reached[3][79] = 1;
		(trpt+1)->bup.ovals = grab_ints(3);
		(trpt+1)->bup.ovals[0] = ((int)now.pd.rec[ Index(((int)((P3 *)_this)->i), 2) ]);
		now.pd.rec[ Index(((P3 *)_this)->i, 2) ] = ((int)now.pv.rec[ Index(((int)((P3 *)_this)->i), 2) ]);
#ifdef VAR_RANGES
		logval("pd.rec[Net:i]", ((int)now.pd.rec[ Index(((int)((P3 *)_this)->i), 2) ]));
#endif
		;
		/* merge: pd.id[i] = pv.id[i](84, 80, 84) */
		reached[3][80] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.pd.id[ Index(((int)((P3 *)_this)->i), 2) ]);
		now.pd.id[ Index(((P3 *)_this)->i, 2) ] = ((int)now.pv.id[ Index(((int)((P3 *)_this)->i), 2) ]);
#ifdef VAR_RANGES
		logval("pd.id[Net:i]", ((int)now.pd.id[ Index(((int)((P3 *)_this)->i), 2) ]));
#endif
		;
		/* merge: i = (i+1)(84, 81, 84) */
		reached[3][81] = 1;
		(trpt+1)->bup.ovals[2] = ((int)((P3 *)_this)->i);
		((P3 *)_this)->i = (((int)((P3 *)_this)->i)+1);
#ifdef VAR_RANGES
		logval("Net:i", ((int)((P3 *)_this)->i));
#endif
		;
		/* merge: .(goto)(0, 85, 84) */
		reached[3][85] = 1;
		;
		_m = 3; goto P999; /* 4 */
	case 38: // STATE 87 - mqc.pml:536 - [pd.note = pv.note] (0:95:2 - 3)
		IfNotBlocked
		reached[3][87] = 1;
		(trpt+1)->bup.ovals = grab_ints(2);
		(trpt+1)->bup.ovals[0] = ((int)now.pd.note);
		now.pd.note = ((int)now.pv.note);
#ifdef VAR_RANGES
		logval("pd.note", ((int)now.pd.note));
#endif
		;
		/* merge: i = 0(95, 88, 95) */
		reached[3][88] = 1;
		(trpt+1)->bup.ovals[1] = ((int)((P3 *)_this)->i);
		((P3 *)_this)->i = 0;
#ifdef VAR_RANGES
		logval("Net:i", ((int)((P3 *)_this)->i));
#endif
		;
		/* merge: .(goto)(0, 96, 95) */
		reached[3][96] = 1;
		;
		_m = 3; goto P999; /* 2 */
	case 39: // STATE 89 - mqc.pml:536 - [((i<2))] (95:0:3 - 1)
		IfNotBlocked
		reached[3][89] = 1;
		if (!((((int)((P3 *)_this)->i)<2)))
			continue;
		/* merge: pf.rec[i] = pv.rec[i](95, 90, 95) */
		reached[3][90] = 1;
		(trpt+1)->bup.ovals = grab_ints(3);
		(trpt+1)->bup.ovals[0] = ((int)now.pf.rec[ Index(((int)((P3 *)_this)->i), 2) ]);
		now.pf.rec[ Index(((P3 *)_this)->i, 2) ] = ((int)now.pv.rec[ Index(((int)((P3 *)_this)->i), 2) ]);
#ifdef VAR_RANGES
		logval("pf.rec[Net:i]", ((int)now.pf.rec[ Index(((int)((P3 *)_this)->i), 2) ]));
#endif
		;
		/* merge: pf.id[i] = pv.id[i](95, 91, 95) */
		reached[3][91] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.pf.id[ Index(((int)((P3 *)_this)->i), 2) ]);
		now.pf.id[ Index(((P3 *)_this)->i, 2) ] = ((int)now.pv.id[ Index(((int)((P3 *)_this)->i), 2) ]);
#ifdef VAR_RANGES
		logval("pf.id[Net:i]", ((int)now.pf.id[ Index(((int)((P3 *)_this)->i), 2) ]));
#endif
		;
		/* merge: i = (i+1)(95, 92, 95) */
		reached[3][92] = 1;
		(trpt+1)->bup.ovals[2] = ((int)((P3 *)_this)->i);
		((P3 *)_this)->i = (((int)((P3 *)_this)->i)+1);
#ifdef VAR_RANGES
		logval("Net:i", ((int)((P3 *)_this)->i));
#endif
		;
		/* merge: .(goto)(0, 96, 95) */
		reached[3][96] = 1;
		;
		_m = 3; goto P999; /* 4 */
	case 40: // STATE 98 - mqc.pml:536 - [pf.note = pv.note] (0:125:6 - 3)
		IfNotBlocked
		reached[3][98] = 1;
		(trpt+1)->bup.ovals = grab_ints(6);
		(trpt+1)->bup.ovals[0] = ((int)now.pf.note);
		now.pf.note = ((int)now.pv.note);
#ifdef VAR_RANGES
		logval("pf.note", ((int)now.pf.note));
#endif
		;
		/* merge: acc = pv.note(125, 99, 125) */
		reached[3][99] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.acc);
		now.acc = ((int)now.pv.note);
#ifdef VAR_RANGES
		logval("acc", ((int)now.acc));
#endif
		;
		/* merge: nwin = 0(125, 100, 125) */
		reached[3][100] = 1;
		(trpt+1)->bup.ovals[2] = ((int)now.nwin);
		now.nwin = 0;
#ifdef VAR_RANGES
		logval("nwin", ((int)now.nwin));
#endif
		;
		/* merge: qhd = acc(125, 101, 125) */
		reached[3][101] = 1;
		(trpt+1)->bup.ovals[3] = ((int)now.qhd);
		now.qhd = ((int)now.acc);
#ifdef VAR_RANGES
		logval("qhd", ((int)now.qhd));
#endif
		;
		/* merge: p_ever = 0(125, 102, 125) */
		reached[3][102] = 1;
		(trpt+1)->bup.ovals[4] = ((int)now.p_ever);
		now.p_ever = 0;
#ifdef VAR_RANGES
		logval("p_ever", ((int)now.p_ever));
#endif
		;
		/* merge: i = 0(125, 103, 125) */
		reached[3][103] = 1;
		(trpt+1)->bup.ovals[5] = ((int)((P3 *)_this)->i);
		((P3 *)_this)->i = 0;
#ifdef VAR_RANGES
		logval("Net:i", ((int)((P3 *)_this)->i));
#endif
		;
		/* merge: .(goto)(0, 126, 125) */
		reached[3][126] = 1;
		;
		_m = 3; goto P999; /* 6 */
	case 41: // STATE 104 - mqc.pml:541 - [((i<2))] (0:0:0 - 1)
		IfNotBlocked
		reached[3][104] = 1;
		if (!((((int)((P3 *)_this)->i)<2)))
			continue;
		_m = 3; goto P999; /* 0 */
	case 42: // STATE 105 - mqc.pml:543 - [((pv.rec[i]>=2))] (125:0:7 - 1)
		IfNotBlocked
		reached[3][105] = 1;
		if (!((((int)now.pv.rec[ Index(((int)((P3 *)_this)->i), 2) ])>=2)))
			continue;
		/* merge: w_m[nwin] = i(125, 106, 125) */
		reached[3][106] = 1;
		(trpt+1)->bup.ovals = grab_ints(7);
		(trpt+1)->bup.ovals[0] = ((int)now.w_m[ Index(((int)now.nwin), 2) ]);
		now.w_m[ Index(now.nwin, 2) ] = ((int)((P3 *)_this)->i);
#ifdef VAR_RANGES
		logval("w_m[nwin]", ((int)now.w_m[ Index(((int)now.nwin), 2) ]));
#endif
		;
		/* merge: w_id[nwin] = pv.id[i](125, 107, 125) */
		reached[3][107] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.w_id[ Index(((int)now.nwin), 2) ]);
		now.w_id[ Index(now.nwin, 2) ] = ((int)now.pv.id[ Index(((int)((P3 *)_this)->i), 2) ]);
#ifdef VAR_RANGES
		logval("w_id[nwin]", ((int)now.w_id[ Index(((int)now.nwin), 2) ]));
#endif
		;
		/* merge: w_st[nwin] = ( ((pv.rec[i]==3)) -> (1) : (4) )(125, 108, 125) */
		reached[3][108] = 1;
		(trpt+1)->bup.ovals[2] = ((int)now.w_st[ Index(((int)now.nwin), 2) ]);
		now.w_st[ Index(now.nwin, 2) ] = ( ((((int)now.pv.rec[ Index(((int)((P3 *)_this)->i), 2) ])==3)) ? (1) : (4) );
#ifdef VAR_RANGES
		logval("w_st[nwin]", ((int)now.w_st[ Index(((int)now.nwin), 2) ]));
#endif
		;
		/* merge: nwin = (nwin+1)(125, 109, 125) */
		reached[3][109] = 1;
		(trpt+1)->bup.ovals[3] = ((int)now.nwin);
		now.nwin = (((int)now.nwin)+1);
#ifdef VAR_RANGES
		logval("nwin", ((int)now.nwin));
#endif
		;
		/* merge: next_id = ( ((pv.id[i]==3)) -> (1) : ((pv.id[i]+1)) )(125, 110, 125) */
		reached[3][110] = 1;
		(trpt+1)->bup.ovals[4] = ((int)now.next_id);
		now.next_id = ( ((((int)now.pv.id[ Index(((int)((P3 *)_this)->i), 2) ])==3)) ? (1) : ((((int)now.pv.id[ Index(((int)((P3 *)_this)->i), 2) ])+1)) );
#ifdef VAR_RANGES
		logval("next_id", ((int)now.next_id));
#endif
		;
		/* merge: p_ever = 1(125, 111, 125) */
		reached[3][111] = 1;
		(trpt+1)->bup.ovals[5] = ((int)now.p_ever);
		now.p_ever = 1;
#ifdef VAR_RANGES
		logval("p_ever", ((int)now.p_ever));
#endif
		;
		/* merge: .(goto)(125, 121, 125) */
		reached[3][121] = 1;
		;
		/* merge: i = (i+1)(125, 122, 125) */
		reached[3][122] = 1;
		(trpt+1)->bup.ovals[6] = ((int)((P3 *)_this)->i);
		((P3 *)_this)->i = (((int)((P3 *)_this)->i)+1);
#ifdef VAR_RANGES
		logval("Net:i", ((int)((P3 *)_this)->i));
#endif
		;
		/* merge: .(goto)(0, 126, 125) */
		reached[3][126] = 1;
		;
		_m = 3; goto P999; /* 9 */
	case 43: // STATE 112 - mqc.pml:547 - [((pv.rec[i]==1))] (0:0:0 - 1)
		IfNotBlocked
		reached[3][112] = 1;
		if (!((((int)now.pv.rec[ Index(((int)((P3 *)_this)->i), 2) ])==1)))
			continue;
		_m = 3; goto P999; /* 0 */
	case 44: // STATE 113 - mqc.pml:547 - [((i<qhd))] (125:0:3 - 1)
		IfNotBlocked
		reached[3][113] = 1;
		if (!((((int)((P3 *)_this)->i)<((int)now.qhd))))
			continue;
		/* merge: qhd = i(125, 114, 125) */
		reached[3][114] = 1;
		(trpt+1)->bup.ovals = grab_ints(3);
		(trpt+1)->bup.ovals[0] = ((int)now.qhd);
		now.qhd = ((int)((P3 *)_this)->i);
#ifdef VAR_RANGES
		logval("qhd", ((int)now.qhd));
#endif
		;
		/* merge: .(goto)(125, 117, 125) */
		reached[3][117] = 1;
		;
		/* merge: p_ever = 1(125, 118, 125) */
		reached[3][118] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.p_ever);
		now.p_ever = 1;
#ifdef VAR_RANGES
		logval("p_ever", ((int)now.p_ever));
#endif
		;
		/* merge: .(goto)(125, 121, 125) */
		reached[3][121] = 1;
		;
		/* merge: i = (i+1)(125, 122, 125) */
		reached[3][122] = 1;
		(trpt+1)->bup.ovals[2] = ((int)((P3 *)_this)->i);
		((P3 *)_this)->i = (((int)((P3 *)_this)->i)+1);
#ifdef VAR_RANGES
		logval("Net:i", ((int)((P3 *)_this)->i));
#endif
		;
		/* merge: .(goto)(0, 126, 125) */
		reached[3][126] = 1;
		;
		_m = 3; goto P999; /* 6 */
	case 45: // STATE 118 - mqc.pml:547 - [p_ever = 1] (0:125:2 - 3)
		IfNotBlocked
		reached[3][118] = 1;
		(trpt+1)->bup.ovals = grab_ints(2);
		(trpt+1)->bup.ovals[0] = ((int)now.p_ever);
		now.p_ever = 1;
#ifdef VAR_RANGES
		logval("p_ever", ((int)now.p_ever));
#endif
		;
		/* merge: .(goto)(125, 121, 125) */
		reached[3][121] = 1;
		;
		/* merge: i = (i+1)(125, 122, 125) */
		reached[3][122] = 1;
		(trpt+1)->bup.ovals[1] = ((int)((P3 *)_this)->i);
		((P3 *)_this)->i = (((int)((P3 *)_this)->i)+1);
#ifdef VAR_RANGES
		logval("Net:i", ((int)((P3 *)_this)->i));
#endif
		;
		/* merge: .(goto)(0, 126, 125) */
		reached[3][126] = 1;
		;
		_m = 3; goto P999; /* 3 */
	case 46: // STATE 122 - mqc.pml:550 - [i = (i+1)] (0:125:1 - 4)
		IfNotBlocked
		reached[3][122] = 1;
		(trpt+1)->bup.oval = ((int)((P3 *)_this)->i);
		((P3 *)_this)->i = (((int)((P3 *)_this)->i)+1);
#ifdef VAR_RANGES
		logval("Net:i", ((int)((P3 *)_this)->i));
#endif
		;
		/* merge: .(goto)(0, 126, 125) */
		reached[3][126] = 1;
		;
		_m = 3; goto P999; /* 1 */
	case 47: // STATE 129 - mqc.pml:555 - [((crashes<1))] (135:0:2 - 1)
		IfNotBlocked
		reached[3][129] = 1;
		if (!((((int)now.crashes)<1)))
			continue;
		/* merge: crashes = (crashes+1)(135, 130, 135) */
		reached[3][130] = 1;
		(trpt+1)->bup.ovals = grab_ints(2);
		(trpt+1)->bup.ovals[0] = ((int)now.crashes);
		now.crashes = (((int)now.crashes)+1);
#ifdef VAR_RANGES
		logval("crashes", ((int)now.crashes));
#endif
		;
		/* merge: sup = 0(135, 131, 135) */
		reached[3][131] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.sup);
		now.sup = 0;
#ifdef VAR_RANGES
		logval("sup", ((int)now.sup));
#endif
		;
		/* merge: .(goto)(0, 136, 135) */
		reached[3][136] = 1;
		;
		_m = 3; goto P999; /* 3 */
	case 48: // STATE 132 - mqc.pml:555 - [b2s?_,_,_,_] (0:0:4 - 1)
		reached[3][132] = 1;
		if (q_len(now.b2s) == 0) continue;

		XX=1;
		(trpt+1)->bup.ovals = grab_ints(4);
		(trpt+1)->bup.ovals[0] = qrecv(now.b2s, XX-1, 0, 0);
		(trpt+1)->bup.ovals[1] = qrecv(now.b2s, XX-1, 1, 0);
		(trpt+1)->bup.ovals[2] = qrecv(now.b2s, XX-1, 2, 0);
		(trpt+1)->bup.ovals[3] = qrecv(now.b2s, XX-1, 3, 0);
		;
		qrecv(now.b2s, XX-1, 0, 0);
		qrecv(now.b2s, XX-1, 1, 0);
		qrecv(now.b2s, XX-1, 2, 0);
		qrecv(now.b2s, XX-1, 3, 1);
		
#ifdef HAS_CODE
		if (readtrail && gui) {
			char simtmp[32];
			sprintf(simvals, "%d?", now.b2s);
		sprintf(simtmp, "%d", ((int)_)); strcat(simvals, simtmp);		strcat(simvals, ",");
		sprintf(simtmp, "%d", ((int)_)); strcat(simvals, simtmp);		strcat(simvals, ",");
		sprintf(simtmp, "%d", ((int)_)); strcat(simvals, simtmp);		strcat(simvals, ",");
		sprintf(simtmp, "%d", ((int)_)); strcat(simvals, simtmp);		}
#endif
		;
		_m = 4; goto P999; /* 0 */
	case 49: // STATE 133 - mqc.pml:555 - [(empty(b2s))] (0:0:0 - 1)
		IfNotBlocked
		reached[3][133] = 1;
		if (!((q_len(now.b2s)==0)))
			continue;
		_m = 3; goto P999; /* 0 */
	case 50: // STATE 138 - mqc.pml:555 - [s2b?_,_,_,_] (0:0:4 - 1)
		reached[3][138] = 1;
		if (q_len(now.s2b) == 0) continue;

		XX=1;
		(trpt+1)->bup.ovals = grab_ints(4);
		(trpt+1)->bup.ovals[0] = qrecv(now.s2b, XX-1, 0, 0);
		(trpt+1)->bup.ovals[1] = qrecv(now.s2b, XX-1, 1, 0);
		(trpt+1)->bup.ovals[2] = qrecv(now.s2b, XX-1, 2, 0);
		(trpt+1)->bup.ovals[3] = qrecv(now.s2b, XX-1, 3, 0);
		;
		qrecv(now.s2b, XX-1, 0, 0);
		qrecv(now.s2b, XX-1, 1, 0);
		qrecv(now.s2b, XX-1, 2, 0);
		qrecv(now.s2b, XX-1, 3, 1);
		
#ifdef HAS_CODE
		if (readtrail && gui) {
			char simtmp[32];
			sprintf(simvals, "%d?", now.s2b);
		sprintf(simtmp, "%d", ((int)_)); strcat(simvals, simtmp);		strcat(simvals, ",");
		sprintf(simtmp, "%d", ((int)_)); strcat(simvals, simtmp);		strcat(simvals, ",");
		sprintf(simtmp, "%d", ((int)_)); strcat(simvals, simtmp);		strcat(simvals, ",");
		sprintf(simtmp, "%d", ((int)_)); strcat(simvals, simtmp);		}
#endif
		;
		_m = 4; goto P999; /* 0 */
	case 51: // STATE 139 - mqc.pml:555 - [(empty(s2b))] (183:0:0 - 1)
		IfNotBlocked
		reached[3][139] = 1;
		if (!((q_len(now.s2b)==0)))
			continue;
		/* merge: goto :b63(183, 140, 183) */
		reached[3][140] = 1;
		;
		/* merge: printf('@S crash\\n')(183, 144, 183) */
		reached[3][144] = 1;
		Printf("@S crash\n");
		_m = 3; goto P999; /* 2 */
	case 52: // STATE 144 - mqc.pml:556 - [printf('@S crash\\n')] (0:183:0 - 3)
		IfNotBlocked
		reached[3][144] = 1;
		Printf("@S crash\n");
		_m = 3; goto P999; /* 0 */
	case 53: // STATE 146 - mqc.pml:557 - [i = 0] (0:0:1 - 1)
		IfNotBlocked
		reached[3][146] = 1;
		(trpt+1)->bup.oval = ((int)((P3 *)_this)->i);
		((P3 *)_this)->i = 0;
#ifdef VAR_RANGES
		logval("Net:i", ((int)((P3 *)_this)->i));
#endif
		;
		_m = 3; goto P999; /* 0 */
	case 54: // STATE 147 - mqc.pml:557 - [((i<=(2+1)))] (152:0:2 - 1)
		IfNotBlocked
		reached[3][147] = 1;
		if (!((((int)((P3 *)_this)->i)<=(2+1))))
			continue;
		/* merge: sv.held[i] = sf.held[i](152, 148, 152) */
		reached[3][148] = 1;
		(trpt+1)->bup.ovals = grab_ints(2);
		(trpt+1)->bup.ovals[0] = ((int)now.sv.held[ Index(((int)((P3 *)_this)->i), 4) ]);
		now.sv.held[ Index(((P3 *)_this)->i, 4) ] = ((int)now.sf.held[ Index(((int)((P3 *)_this)->i), 4) ]);
#ifdef VAR_RANGES
		logval("sv.held[Net:i]", ((int)now.sv.held[ Index(((int)((P3 *)_this)->i), 4) ]));
#endif
		;
		/* merge: i = (i+1)(152, 149, 152) */
		reached[3][149] = 1;
		(trpt+1)->bup.ovals[1] = ((int)((P3 *)_this)->i);
		((P3 *)_this)->i = (((int)((P3 *)_this)->i)+1);
#ifdef VAR_RANGES
		logval("Net:i", ((int)((P3 *)_this)->i));
#endif
		;
		/* merge: .(goto)(0, 153, 152) */
		reached[3][153] = 1;
		;
		_m = 3; goto P999; /* 3 */
	case 55: // STATE 155 - mqc.pml:557 - [i = 0] (0:161:1 - 3)
		IfNotBlocked
		reached[3][155] = 1;
		(trpt+1)->bup.oval = ((int)((P3 *)_this)->i);
		((P3 *)_this)->i = 0;
#ifdef VAR_RANGES
		logval("Net:i", ((int)((P3 *)_this)->i));
#endif
		;
		/* merge: .(goto)(0, 162, 161) */
		reached[3][162] = 1;
		;
		_m = 3; goto P999; /* 1 */
	case 56: // STATE 156 - mqc.pml:557 - [((i<2))] (161:0:2 - 1)
		IfNotBlocked
		reached[3][156] = 1;
		if (!((((int)((P3 *)_this)->i)<2)))
			continue;
		/* merge: sv.del[i] = sf.del[i](161, 157, 161) */
		reached[3][157] = 1;
		(trpt+1)->bup.ovals = grab_ints(2);
		(trpt+1)->bup.ovals[0] = ((int)now.sv.del[ Index(((int)((P3 *)_this)->i), 2) ]);
		now.sv.del[ Index(((P3 *)_this)->i, 2) ] = ((int)now.sf.del[ Index(((int)((P3 *)_this)->i), 2) ]);
#ifdef VAR_RANGES
		logval("sv.del[Net:i]", ((int)now.sv.del[ Index(((int)((P3 *)_this)->i), 2) ]));
#endif
		;
		/* merge: i = (i+1)(161, 158, 161) */
		reached[3][158] = 1;
		(trpt+1)->bup.ovals[1] = ((int)((P3 *)_this)->i);
		((P3 *)_this)->i = (((int)((P3 *)_this)->i)+1);
#ifdef VAR_RANGES
		logval("Net:i", ((int)((P3 *)_this)->i));
#endif
		;
		/* merge: .(goto)(0, 162, 161) */
		reached[3][162] = 1;
		;
		_m = 3; goto P999; /* 3 */
	case 57: // STATE 165 - mqc.pml:557 - [i = 0] (0:0:1 - 1)
		IfNotBlocked
		reached[3][165] = 1;
		(trpt+1)->bup.oval = ((int)((P3 *)_this)->i);
		((P3 *)_this)->i = 0;
#ifdef VAR_RANGES
		logval("Net:i", ((int)((P3 *)_this)->i));
#endif
		;
		_m = 3; goto P999; /* 0 */
	case 58: // STATE 166 - mqc.pml:557 - [((i<=(2+1)))] (171:0:2 - 1)
		IfNotBlocked
		reached[3][166] = 1;
		if (!((((int)((P3 *)_this)->i)<=(2+1))))
			continue;
		/* merge: sv.held[i] = sd.held[i](171, 167, 171) */
		reached[3][167] = 1;
		(trpt+1)->bup.ovals = grab_ints(2);
		(trpt+1)->bup.ovals[0] = ((int)now.sv.held[ Index(((int)((P3 *)_this)->i), 4) ]);
		now.sv.held[ Index(((P3 *)_this)->i, 4) ] = ((int)now.sd.held[ Index(((int)((P3 *)_this)->i), 4) ]);
#ifdef VAR_RANGES
		logval("sv.held[Net:i]", ((int)now.sv.held[ Index(((int)((P3 *)_this)->i), 4) ]));
#endif
		;
		/* merge: i = (i+1)(171, 168, 171) */
		reached[3][168] = 1;
		(trpt+1)->bup.ovals[1] = ((int)((P3 *)_this)->i);
		((P3 *)_this)->i = (((int)((P3 *)_this)->i)+1);
#ifdef VAR_RANGES
		logval("Net:i", ((int)((P3 *)_this)->i));
#endif
		;
		/* merge: .(goto)(0, 172, 171) */
		reached[3][172] = 1;
		;
		_m = 3; goto P999; /* 3 */
	case 59: // STATE 174 - mqc.pml:557 - [i = 0] (0:180:1 - 3)
		IfNotBlocked
		reached[3][174] = 1;
		(trpt+1)->bup.oval = ((int)((P3 *)_this)->i);
		((P3 *)_this)->i = 0;
#ifdef VAR_RANGES
		logval("Net:i", ((int)((P3 *)_this)->i));
#endif
		;
		/* merge: .(goto)(0, 181, 180) */
		reached[3][181] = 1;
		;
		_m = 3; goto P999; /* 1 */
	case 60: // STATE 175 - mqc.pml:557 - [((i<2))] (180:0:2 - 1)
		IfNotBlocked
		reached[3][175] = 1;
		if (!((((int)((P3 *)_this)->i)<2)))
			continue;
		/* merge: sv.del[i] = sd.del[i](180, 176, 180) */
		reached[3][176] = 1;
		(trpt+1)->bup.ovals = grab_ints(2);
		(trpt+1)->bup.ovals[0] = ((int)now.sv.del[ Index(((int)((P3 *)_this)->i), 2) ]);
		now.sv.del[ Index(((P3 *)_this)->i, 2) ] = ((int)now.sd.del[ Index(((int)((P3 *)_this)->i), 2) ]);
#ifdef VAR_RANGES
		logval("sv.del[Net:i]", ((int)now.sv.del[ Index(((int)((P3 *)_this)->i), 2) ]));
#endif
		;
		/* merge: i = (i+1)(180, 177, 180) */
		reached[3][177] = 1;
		(trpt+1)->bup.ovals[1] = ((int)((P3 *)_this)->i);
		((P3 *)_this)->i = (((int)((P3 *)_this)->i)+1);
#ifdef VAR_RANGES
		logval("Net:i", ((int)((P3 *)_this)->i));
#endif
		;
		/* merge: .(goto)(0, 181, 180) */
		reached[3][181] = 1;
		;
		_m = 3; goto P999; /* 3 */
	case 61: // STATE 185 - mqc.pml:558 - [i = 0] (0:191:1 - 7)
		IfNotBlocked
		reached[3][185] = 1;
		(trpt+1)->bup.oval = ((int)((P3 *)_this)->i);
		((P3 *)_this)->i = 0;
#ifdef VAR_RANGES
		logval("Net:i", ((int)((P3 *)_this)->i));
#endif
		;
		/* merge: .(goto)(0, 192, 191) */
		reached[3][192] = 1;
		;
		_m = 3; goto P999; /* 1 */
	case 62: // STATE 186 - mqc.pml:558 - [((i<=(2+1)))] (191:0:2 - 1)
		IfNotBlocked
		reached[3][186] = 1;
		if (!((((int)((P3 *)_this)->i)<=(2+1))))
			continue;
		/* merge: sd.held[i] = sv.held[i](191, 187, 191) */
		reached[3][187] = 1;
		(trpt+1)->bup.ovals = grab_ints(2);
		(trpt+1)->bup.ovals[0] = ((int)now.sd.held[ Index(((int)((P3 *)_this)->i), 4) ]);
		now.sd.held[ Index(((P3 *)_this)->i, 4) ] = ((int)now.sv.held[ Index(((int)((P3 *)_this)->i), 4) ]);
#ifdef VAR_RANGES
		logval("sd.held[Net:i]", ((int)now.sd.held[ Index(((int)((P3 *)_this)->i), 4) ]));
#endif
		;
		/* merge: i = (i+1)(191, 188, 191) */
		reached[3][188] = 1;
		(trpt+1)->bup.ovals[1] = ((int)((P3 *)_this)->i);
		((P3 *)_this)->i = (((int)((P3 *)_this)->i)+1);
#ifdef VAR_RANGES
		logval("Net:i", ((int)((P3 *)_this)->i));
#endif
		;
		/* merge: .(goto)(0, 192, 191) */
		reached[3][192] = 1;
		;
		_m = 3; goto P999; /* 3 */
	case 63: // STATE 194 - mqc.pml:558 - [i = 0] (0:200:1 - 3)
		IfNotBlocked
		reached[3][194] = 1;
		(trpt+1)->bup.oval = ((int)((P3 *)_this)->i);
		((P3 *)_this)->i = 0;
#ifdef VAR_RANGES
		logval("Net:i", ((int)((P3 *)_this)->i));
#endif
		;
		/* merge: .(goto)(0, 201, 200) */
		reached[3][201] = 1;
		;
		_m = 3; goto P999; /* 1 */
	case 64: // STATE 195 - mqc.pml:558 - [((i<2))] (200:0:2 - 1)
		IfNotBlocked
		reached[3][195] = 1;
		if (!((((int)((P3 *)_this)->i)<2)))
			continue;
		/* merge: sd.del[i] = sv.del[i](200, 196, 200) */
		reached[3][196] = 1;
		(trpt+1)->bup.ovals = grab_ints(2);
		(trpt+1)->bup.ovals[0] = ((int)now.sd.del[ Index(((int)((P3 *)_this)->i), 2) ]);
		now.sd.del[ Index(((P3 *)_this)->i, 2) ] = ((int)now.sv.del[ Index(((int)((P3 *)_this)->i), 2) ]);
#ifdef VAR_RANGES
		logval("sd.del[Net:i]", ((int)now.sd.del[ Index(((int)((P3 *)_this)->i), 2) ]));
#endif
		;
		/* merge: i = (i+1)(200, 197, 200) */
		reached[3][197] = 1;
		(trpt+1)->bup.ovals[1] = ((int)((P3 *)_this)->i);
		((P3 *)_this)->i = (((int)((P3 *)_this)->i)+1);
#ifdef VAR_RANGES
		logval("Net:i", ((int)((P3 *)_this)->i));
#endif
		;
		/* merge: .(goto)(0, 201, 200) */
		reached[3][201] = 1;
		;
		_m = 3; goto P999; /* 3 */
	case 65: // STATE 203 - mqc.pml:558 - [i = 0] (0:209:1 - 3)
		IfNotBlocked
		reached[3][203] = 1;
		(trpt+1)->bup.oval = ((int)((P3 *)_this)->i);
		((P3 *)_this)->i = 0;
#ifdef VAR_RANGES
		logval("Net:i", ((int)((P3 *)_this)->i));
#endif
		;
		/* merge: .(goto)(0, 210, 209) */
		reached[3][210] = 1;
		;
		_m = 3; goto P999; /* 1 */
	case 66: // STATE 204 - mqc.pml:558 - [((i<=(2+1)))] (209:0:2 - 1)
		IfNotBlocked
		reached[3][204] = 1;
		if (!((((int)((P3 *)_this)->i)<=(2+1))))
			continue;
		/* merge: sf.held[i] = sv.held[i](209, 205, 209) */
		reached[3][205] = 1;
		(trpt+1)->bup.ovals = grab_ints(2);
		(trpt+1)->bup.ovals[0] = ((int)now.sf.held[ Index(((int)((P3 *)_this)->i), 4) ]);
		now.sf.held[ Index(((P3 *)_this)->i, 4) ] = ((int)now.sv.held[ Index(((int)((P3 *)_this)->i), 4) ]);
#ifdef VAR_RANGES
		logval("sf.held[Net:i]", ((int)now.sf.held[ Index(((int)((P3 *)_this)->i), 4) ]));
#endif
		;
		/* merge: i = (i+1)(209, 206, 209) */
		reached[3][206] = 1;
		(trpt+1)->bup.ovals[1] = ((int)((P3 *)_this)->i);
		((P3 *)_this)->i = (((int)((P3 *)_this)->i)+1);
#ifdef VAR_RANGES
		logval("Net:i", ((int)((P3 *)_this)->i));
#endif
		;
		/* merge: .(goto)(0, 210, 209) */
		reached[3][210] = 1;
		;
		_m = 3; goto P999; /* 3 */
	case 67: // STATE 212 - mqc.pml:558 - [i = 0] (0:218:1 - 3)
		IfNotBlocked
		reached[3][212] = 1;
		(trpt+1)->bup.oval = ((int)((P3 *)_this)->i);
		((P3 *)_this)->i = 0;
#ifdef VAR_RANGES
		logval("Net:i", ((int)((P3 *)_this)->i));
#endif
		;
		/* merge: .(goto)(0, 219, 218) */
		reached[3][219] = 1;
		;
		_m = 3; goto P999; /* 1 */
	case 68: // STATE 213 - mqc.pml:558 - [((i<2))] (218:0:2 - 1)
		IfNotBlocked
		reached[3][213] = 1;
		if (!((((int)((P3 *)_this)->i)<2)))
			continue;
		/* merge: sf.del[i] = sv.del[i](218, 214, 218) */
		reached[3][214] = 1;
		(trpt+1)->bup.ovals = grab_ints(2);
		(trpt+1)->bup.ovals[0] = ((int)now.sf.del[ Index(((int)((P3 *)_this)->i), 2) ]);
		now.sf.del[ Index(((P3 *)_this)->i, 2) ] = ((int)now.sv.del[ Index(((int)((P3 *)_this)->i), 2) ]);
#ifdef VAR_RANGES
		logval("sf.del[Net:i]", ((int)now.sf.del[ Index(((int)((P3 *)_this)->i), 2) ]));
#endif
		;
		/* merge: i = (i+1)(218, 215, 218) */
		reached[3][215] = 1;
		(trpt+1)->bup.ovals[1] = ((int)((P3 *)_this)->i);
		((P3 *)_this)->i = (((int)((P3 *)_this)->i)+1);
#ifdef VAR_RANGES
		logval("Net:i", ((int)((P3 *)_this)->i));
#endif
		;
		/* merge: .(goto)(0, 219, 218) */
		reached[3][219] = 1;
		;
		_m = 3; goto P999; /* 3 */
	case 69: // STATE 221 - mqc.pml:559 - [nin = 0] (0:235:4 - 3)
		IfNotBlocked
		reached[3][221] = 1;
		(trpt+1)->bup.ovals = grab_ints(4);
		(trpt+1)->bup.ovals[0] = ((int)now.nin);
		now.nin = 0;
#ifdef VAR_RANGES
		logval("nin", ((int)now.nin));
#endif
		;
		/* merge: s_ever = 0(235, 222, 235) */
		reached[3][222] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.s_ever);
		now.s_ever = 0;
#ifdef VAR_RANGES
		logval("s_ever", ((int)now.s_ever));
#endif
		;
		/* merge: ndistinct = 0(235, 223, 235) */
		reached[3][223] = 1;
		(trpt+1)->bup.ovals[2] = ((int)now.ndistinct);
		now.ndistinct = 0;
#ifdef VAR_RANGES
		logval("ndistinct", ((int)now.ndistinct));
#endif
		;
		/* merge: i = 0(235, 224, 235) */
		reached[3][224] = 1;
		(trpt+1)->bup.ovals[3] = ((int)((P3 *)_this)->i);
		((P3 *)_this)->i = 0;
#ifdef VAR_RANGES
		logval("Net:i", ((int)((P3 *)_this)->i));
#endif
		;
		/* merge: .(goto)(0, 236, 235) */
		reached[3][236] = 1;
		;
		_m = 3; goto P999; /* 4 */
	case 70: // STATE 225 - mqc.pml:562 - [((i<2))] (230:0:1 - 1)
		IfNotBlocked
		reached[3][225] = 1;
		if (!((((int)((P3 *)_this)->i)<2)))
			continue;
		/* merge: delivered[i] = sv.del[i](0, 226, 230) */
		reached[3][226] = 1;
		(trpt+1)->bup.oval = ((int)now.delivered[ Index(((int)((P3 *)_this)->i), 2) ]);
		now.delivered[ Index(((P3 *)_this)->i, 2) ] = ((int)now.sv.del[ Index(((int)((P3 *)_this)->i), 2) ]);
#ifdef VAR_RANGES
		logval("delivered[Net:i]", ((int)now.delivered[ Index(((int)((P3 *)_this)->i), 2) ]));
#endif
		;
		_m = 3; goto P999; /* 1 */
	case 71: // STATE 227 - mqc.pml:566 - [(delivered[i])] (235:0:2 - 1)
		IfNotBlocked
		reached[3][227] = 1;
		if (!(((int)now.delivered[ Index(((int)((P3 *)_this)->i), 2) ])))
			continue;
		/* merge: ndistinct = (ndistinct+1)(235, 228, 235) */
		reached[3][228] = 1;
		(trpt+1)->bup.ovals = grab_ints(2);
		(trpt+1)->bup.ovals[0] = ((int)now.ndistinct);
		now.ndistinct = (((int)now.ndistinct)+1);
#ifdef VAR_RANGES
		logval("ndistinct", ((int)now.ndistinct));
#endif
		;
		/* merge: .(goto)(235, 231, 235) */
		reached[3][231] = 1;
		;
		/* merge: i = (i+1)(235, 232, 235) */
		reached[3][232] = 1;
		(trpt+1)->bup.ovals[1] = ((int)((P3 *)_this)->i);
		((P3 *)_this)->i = (((int)((P3 *)_this)->i)+1);
#ifdef VAR_RANGES
		logval("Net:i", ((int)((P3 *)_this)->i));
#endif
		;
		/* merge: .(goto)(0, 236, 235) */
		reached[3][236] = 1;
		;
		_m = 3; goto P999; /* 4 */
	case 72: // STATE 232 - mqc.pml:566 - [i = (i+1)] (0:235:1 - 3)
		IfNotBlocked
		reached[3][232] = 1;
		(trpt+1)->bup.oval = ((int)((P3 *)_this)->i);
		((P3 *)_this)->i = (((int)((P3 *)_this)->i)+1);
#ifdef VAR_RANGES
		logval("Net:i", ((int)((P3 *)_this)->i));
#endif
		;
		/* merge: .(goto)(0, 236, 235) */
		reached[3][236] = 1;
		;
		_m = 3; goto P999; /* 1 */
	case 73: // STATE 238 - mqc.pml:569 - [i = 1] (0:252:1 - 3)
		IfNotBlocked
		reached[3][238] = 1;
		(trpt+1)->bup.oval = ((int)((P3 *)_this)->i);
		((P3 *)_this)->i = 1;
#ifdef VAR_RANGES
		logval("Net:i", ((int)((P3 *)_this)->i));
#endif
		;
		/* merge: .(goto)(0, 253, 252) */
		reached[3][253] = 1;
		;
		_m = 3; goto P999; /* 1 */
	case 74: // STATE 239 - mqc.pml:571 - [((i<=(2+1)))] (0:0:0 - 1)
		IfNotBlocked
		reached[3][239] = 1;
		if (!((((int)((P3 *)_this)->i)<=(2+1))))
			continue;
		_m = 3; goto P999; /* 0 */
	case 75: // STATE 240 - mqc.pml:572 - [(sv.held[i])] (252:0:6 - 1)
		IfNotBlocked
		reached[3][240] = 1;
		if (!(((int)now.sv.held[ Index(((int)((P3 *)_this)->i), 4) ])))
			continue;
		/* merge: in_id[nin] = i(252, 241, 252) */
		reached[3][241] = 1;
		(trpt+1)->bup.ovals = grab_ints(6);
		(trpt+1)->bup.ovals[0] = ((int)now.in_id[ Index(((int)now.nin), 4) ]);
		now.in_id[ Index(now.nin, 4) ] = ((int)((P3 *)_this)->i);
#ifdef VAR_RANGES
		logval("in_id[nin]", ((int)now.in_id[ Index(((int)now.nin), 4) ]));
#endif
		;
		/* merge: in_q[nin] = 2(252, 242, 252) */
		reached[3][242] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.in_q[ Index(((int)now.nin), 4) ]);
		now.in_q[ Index(now.nin, 4) ] = 2;
#ifdef VAR_RANGES
		logval("in_q[nin]", ((int)now.in_q[ Index(((int)now.nin), 4) ]));
#endif
		;
		/* merge: in_st[nin] = 2(252, 243, 252) */
		reached[3][243] = 1;
		(trpt+1)->bup.ovals[2] = ((int)now.in_st[ Index(((int)now.nin), 4) ]);
		now.in_st[ Index(now.nin, 4) ] = 2;
#ifdef VAR_RANGES
		logval("in_st[nin]", ((int)now.in_st[ Index(((int)now.nin), 4) ]));
#endif
		;
		/* merge: nin = (nin+1)(252, 244, 252) */
		reached[3][244] = 1;
		(trpt+1)->bup.ovals[3] = ((int)now.nin);
		now.nin = (((int)now.nin)+1);
#ifdef VAR_RANGES
		logval("nin", ((int)now.nin));
#endif
		;
		/* merge: s_ever = 1(252, 245, 252) */
		reached[3][245] = 1;
		(trpt+1)->bup.ovals[4] = ((int)now.s_ever);
		now.s_ever = 1;
#ifdef VAR_RANGES
		logval("s_ever", ((int)now.s_ever));
#endif
		;
		/* merge: .(goto)(252, 248, 252) */
		reached[3][248] = 1;
		;
		/* merge: i = (i+1)(252, 249, 252) */
		reached[3][249] = 1;
		(trpt+1)->bup.ovals[5] = ((int)((P3 *)_this)->i);
		((P3 *)_this)->i = (((int)((P3 *)_this)->i)+1);
#ifdef VAR_RANGES
		logval("Net:i", ((int)((P3 *)_this)->i));
#endif
		;
		/* merge: .(goto)(0, 253, 252) */
		reached[3][253] = 1;
		;
		_m = 3; goto P999; /* 8 */
	case 76: // STATE 249 - mqc.pml:573 - [i = (i+1)] (0:252:1 - 3)
		IfNotBlocked
		reached[3][249] = 1;
		(trpt+1)->bup.oval = ((int)((P3 *)_this)->i);
		((P3 *)_this)->i = (((int)((P3 *)_this)->i)+1);
#ifdef VAR_RANGES
		logval("Net:i", ((int)((P3 *)_this)->i));
#endif
		;
		/* merge: .(goto)(0, 253, 252) */
		reached[3][253] = 1;
		;
		_m = 3; goto P999; /* 1 */
	case 77: // STATE 259 - mqc.pml:583 - [-end-] (0:0:0 - 1)
		IfNotBlocked
		reached[3][259] = 1;
		if (!delproc(1, II)) continue;
		_m = 3; goto P999; /* 0 */

		 /* PROC Broker */
	case 78: // STATE 1 - mqc.pml:472 - [p2b?t,id,m,d] (0:0:5 - 1)
		reached[2][1] = 1;
		if (q_len(now.p2b) == 0) continue;

		XX=1;
		(trpt+1)->bup.ovals = grab_ints(5);
		(trpt+1)->bup.ovals[0] = ((P2 *)_this)->t;
		(trpt+1)->bup.ovals[1] = ((int)((P2 *)_this)->id);
		(trpt+1)->bup.ovals[2] = ((int)((P2 *)_this)->m);
		(trpt+1)->bup.ovals[3] = ((int)((P2 *)_this)->d);
		;
		((P2 *)_this)->t = qrecv(now.p2b, XX-1, 0, 0);
#ifdef VAR_RANGES
		logval("Broker:t", ((P2 *)_this)->t);
#endif
		;
		((P2 *)_this)->id = qrecv(now.p2b, XX-1, 1, 0);
#ifdef VAR_RANGES
		logval("Broker:id", ((int)((P2 *)_this)->id));
#endif
		;
		((P2 *)_this)->m = qrecv(now.p2b, XX-1, 2, 0);
#ifdef VAR_RANGES
		logval("Broker:m", ((int)((P2 *)_this)->m));
#endif
		;
		((P2 *)_this)->d = qrecv(now.p2b, XX-1, 3, 1);
#ifdef VAR_RANGES
		logval("Broker:d", ((int)((P2 *)_this)->d));
#endif
		;
		
#ifdef HAS_CODE
		if (readtrail && gui) {
			char simtmp[32];
			sprintf(simvals, "%d?", now.p2b);
		sprintf(simtmp, "%d", ((P2 *)_this)->t); strcat(simvals, simtmp);		strcat(simvals, ",");
		sprintf(simtmp, "%d", ((int)((P2 *)_this)->id)); strcat(simvals, simtmp);		strcat(simvals, ",");
		sprintf(simtmp, "%d", ((int)((P2 *)_this)->m)); strcat(simvals, simtmp);		strcat(simvals, ",");
		sprintf(simtmp, "%d", ((int)((P2 *)_this)->d)); strcat(simvals, simtmp);		}
#endif
		;
		if (TstOnly) return 1; /* TT */
		/* dead 2: d */  (trpt+1)->bup.ovals[4] = ((P2 *)_this)->d;
#ifdef HAS_CODE
		if (!readtrail)
#endif
			((P2 *)_this)->d = 0;
		_m = 4; goto P999; /* 0 */
	case 79: // STATE 2 - mqc.pml:474 - [(((t==PUBLISH)&&(2==1)))] (0:0:1 - 1)
		IfNotBlocked
		reached[2][2] = 1;
		if (!(((((P2 *)_this)->t==5)&&(2==1))))
			continue;
		if (TstOnly) return 1; /* TT */
		/* dead 1: t */  (trpt+1)->bup.oval = ((P2 *)_this)->t;
#ifdef HAS_CODE
		if (!readtrail)
#endif
			((P2 *)_this)->t = 0;
		_m = 3; goto P999; /* 0 */
	case 80: // STATE 3 - mqc.pml:403 - [assert((bql<((2*2)+1)))] (0:8:2 - 1)
		IfNotBlocked
		reached[2][3] = 1;
		spin_assert((((int)now.bql)<((2*2)+1)), "(bql<((2*2)+1))", II, tt, t);
		/* merge: bq[((bqh+bql)%((2*2)+1))] = m(8, 4, 8) */
		reached[2][4] = 1;
		(trpt+1)->bup.ovals = grab_ints(2);
		(trpt+1)->bup.ovals[0] = ((int)now.bq[ Index(((((int)now.bqh)+((int)now.bql))%((2*2)+1)), 5) ]);
		now.bq[ Index(((now.bqh+now.bql)%((2*2)+1)), 5) ] = ((int)((P2 *)_this)->m);
#ifdef VAR_RANGES
		logval("bq[((bqh+bql)%((2*2)+1))]", ((int)now.bq[ Index(((((int)now.bqh)+((int)now.bql))%((2*2)+1)), 5) ]));
#endif
		;
		/* merge: bql = (bql+1)(8, 5, 8) */
		reached[2][5] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.bql);
		now.bql = (((int)now.bql)+1);
#ifdef VAR_RANGES
		logval("bql", ((int)now.bql));
#endif
		;
		/* merge: assert(nfull(b2p))(8, 7, 8) */
		reached[2][7] = 1;
		spin_assert((!q_full(now.b2p)), "(!q_full(b2p))", II, tt, t);
		_m = 3; goto P999; /* 3 */
	case 81: // STATE 8 - mqc.pml:474 - [b2p!PUBACK,id,0,0] (113:0:0 - 1)
		IfNotBlocked
		reached[2][8] = 1;
		if (q_full(now.b2p))
			continue;
#ifdef HAS_CODE
		if (readtrail && gui) {
			char simtmp[64];
			sprintf(simvals, "%d!", now.b2p);
		sprintf(simtmp, "%d", 4); strcat(simvals, simtmp);		strcat(simvals, ",");
		sprintf(simtmp, "%d", ((int)((P2 *)_this)->id)); strcat(simvals, simtmp);		strcat(simvals, ",");
		sprintf(simtmp, "%d", 0); strcat(simvals, simtmp);		strcat(simvals, ",");
		sprintf(simtmp, "%d", 0); strcat(simvals, simtmp);		}
#endif
		
		qsend(now.b2p, 0, 4, ((int)((P2 *)_this)->id), 0, 0, 4);
		/* merge: .(goto)(0, 28, 113) */
		reached[2][28] = 1;
		;
		/* merge: .(goto)(0, 114, 113) */
		reached[2][114] = 1;
		;
		_m = 2; goto P999; /* 2 */
	case 82: // STATE 9 - mqc.pml:475 - [(((t==PUBLISH)&&(2==2)))] (0:0:1 - 1)
		IfNotBlocked
		reached[2][9] = 1;
		if (!(((((P2 *)_this)->t==5)&&(2==2))))
			continue;
		if (TstOnly) return 1; /* TT */
		/* dead 1: t */  (trpt+1)->bup.oval = ((P2 *)_this)->t;
#ifdef HAS_CODE
		if (!readtrail)
#endif
			((P2 *)_this)->t = 0;
		_m = 3; goto P999; /* 0 */
	case 83: // STATE 10 - mqc.pml:477 - [(brel[id])] (22:0:0 - 1)
		IfNotBlocked
		reached[2][10] = 1;
		if (!(((int)now.brel[ Index(((int)((P2 *)_this)->id), 4) ])))
			continue;
		/* merge: assert((brel_m[id]==m))(22, 11, 22) */
		reached[2][11] = 1;
		spin_assert((((int)now.brel_m[ Index(((int)((P2 *)_this)->id), 4) ])==((int)((P2 *)_this)->m)), "(brel_m[id]==m)", II, tt, t);
		/* merge: .(goto)(22, 20, 22) */
		reached[2][20] = 1;
		;
		/* merge: assert(nfull(b2p))(22, 21, 22) */
		reached[2][21] = 1;
		spin_assert((!q_full(now.b2p)), "(!q_full(b2p))", II, tt, t);
		_m = 3; goto P999; /* 3 */
	case 84: // STATE 13 - mqc.pml:481 - [brel[id] = 1] (0:18:2 - 1)
		IfNotBlocked
		reached[2][13] = 1;
		(trpt+1)->bup.ovals = grab_ints(2);
		(trpt+1)->bup.ovals[0] = ((int)now.brel[ Index(((int)((P2 *)_this)->id), 4) ]);
		now.brel[ Index(((P2 *)_this)->id, 4) ] = 1;
#ifdef VAR_RANGES
		logval("brel[Broker:id]", ((int)now.brel[ Index(((int)((P2 *)_this)->id), 4) ]));
#endif
		;
		/* merge: brel_m[id] = m(18, 14, 18) */
		reached[2][14] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.brel_m[ Index(((int)((P2 *)_this)->id), 4) ]);
		now.brel_m[ Index(((P2 *)_this)->id, 4) ] = ((int)((P2 *)_this)->m);
#ifdef VAR_RANGES
		logval("brel_m[Broker:id]", ((int)now.brel_m[ Index(((int)((P2 *)_this)->id), 4) ]));
#endif
		;
		_m = 3; goto P999; /* 1 */
	case 85: // STATE 15 - mqc.pml:403 - [assert((bql<((2*2)+1)))] (0:22:2 - 1)
		IfNotBlocked
		reached[2][15] = 1;
		spin_assert((((int)now.bql)<((2*2)+1)), "(bql<((2*2)+1))", II, tt, t);
		/* merge: bq[((bqh+bql)%((2*2)+1))] = m(22, 16, 22) */
		reached[2][16] = 1;
		(trpt+1)->bup.ovals = grab_ints(2);
		(trpt+1)->bup.ovals[0] = ((int)now.bq[ Index(((((int)now.bqh)+((int)now.bql))%((2*2)+1)), 5) ]);
		now.bq[ Index(((now.bqh+now.bql)%((2*2)+1)), 5) ] = ((int)((P2 *)_this)->m);
#ifdef VAR_RANGES
		logval("bq[((bqh+bql)%((2*2)+1))]", ((int)now.bq[ Index(((((int)now.bqh)+((int)now.bql))%((2*2)+1)), 5) ]));
#endif
		;
		/* merge: bql = (bql+1)(22, 17, 22) */
		reached[2][17] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.bql);
		now.bql = (((int)now.bql)+1);
#ifdef VAR_RANGES
		logval("bql", ((int)now.bql));
#endif
		;
		/* merge: .(goto)(22, 20, 22) */
		reached[2][20] = 1;
		;
		/* merge: assert(nfull(b2p))(22, 21, 22) */
		reached[2][21] = 1;
		spin_assert((!q_full(now.b2p)), "(!q_full(b2p))", II, tt, t);
		_m = 3; goto P999; /* 4 */
	case 86: // STATE 21 - mqc.pml:483 - [assert(nfull(b2p))] (0:22:0 - 3)
		IfNotBlocked
		reached[2][21] = 1;
		spin_assert((!q_full(now.b2p)), "(!q_full(b2p))", II, tt, t);
		_m = 3; goto P999; /* 0 */
	case 87: // STATE 22 - mqc.pml:483 - [b2p!PUBREC,id,0,0] (113:0:0 - 1)
		IfNotBlocked
		reached[2][22] = 1;
		if (q_full(now.b2p))
			continue;
#ifdef HAS_CODE
		if (readtrail && gui) {
			char simtmp[64];
			sprintf(simvals, "%d!", now.b2p);
		sprintf(simtmp, "%d", 3); strcat(simvals, simtmp);		strcat(simvals, ",");
		sprintf(simtmp, "%d", ((int)((P2 *)_this)->id)); strcat(simvals, simtmp);		strcat(simvals, ",");
		sprintf(simtmp, "%d", 0); strcat(simvals, simtmp);		strcat(simvals, ",");
		sprintf(simtmp, "%d", 0); strcat(simvals, simtmp);		}
#endif
		
		qsend(now.b2p, 0, 3, ((int)((P2 *)_this)->id), 0, 0, 4);
		/* merge: .(goto)(0, 28, 113) */
		reached[2][28] = 1;
		;
		/* merge: .(goto)(0, 114, 113) */
		reached[2][114] = 1;
		;
		_m = 2; goto P999; /* 2 */
	case 88: // STATE 23 - mqc.pml:484 - [((t==PUBREL))] (26:0:2 - 1)
		IfNotBlocked
		reached[2][23] = 1;
		if (!((((P2 *)_this)->t==2)))
			continue;
		if (TstOnly) return 1; /* TT */
		/* dead 1: t */  (trpt+1)->bup.ovals = grab_ints(2);
		(trpt+1)->bup.ovals[0] = ((P2 *)_this)->t;
#ifdef HAS_CODE
		if (!readtrail)
#endif
			((P2 *)_this)->t = 0;
		/* merge: brel[id] = 0(26, 24, 26) */
		reached[2][24] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.brel[ Index(((int)((P2 *)_this)->id), 4) ]);
		now.brel[ Index(((P2 *)_this)->id, 4) ] = 0;
#ifdef VAR_RANGES
		logval("brel[Broker:id]", ((int)now.brel[ Index(((int)((P2 *)_this)->id), 4) ]));
#endif
		;
		/* merge: assert(nfull(b2p))(26, 25, 26) */
		reached[2][25] = 1;
		spin_assert((!q_full(now.b2p)), "(!q_full(b2p))", II, tt, t);
		_m = 3; goto P999; /* 2 */
	case 89: // STATE 26 - mqc.pml:484 - [b2p!PUBCOMP,id,0,0] (113:0:0 - 1)
		IfNotBlocked
		reached[2][26] = 1;
		if (q_full(now.b2p))
			continue;
#ifdef HAS_CODE
		if (readtrail && gui) {
			char simtmp[64];
			sprintf(simvals, "%d!", now.b2p);
		sprintf(simtmp, "%d", 1); strcat(simvals, simtmp);		strcat(simvals, ",");
		sprintf(simtmp, "%d", ((int)((P2 *)_this)->id)); strcat(simvals, simtmp);		strcat(simvals, ",");
		sprintf(simtmp, "%d", 0); strcat(simvals, simtmp);		strcat(simvals, ",");
		sprintf(simtmp, "%d", 0); strcat(simvals, simtmp);		}
#endif
		
		qsend(now.b2p, 0, 1, ((int)((P2 *)_this)->id), 0, 0, 4);
		/* merge: .(goto)(0, 28, 113) */
		reached[2][28] = 1;
		;
		/* merge: .(goto)(0, 114, 113) */
		reached[2][114] = 1;
		;
		_m = 2; goto P999; /* 2 */
	case 90: // STATE 30 - mqc.pml:488 - [((sup&&((((bql>0)&&(nbw<2))||((nbw>0)&&!((bw_st[0]&2))))||((nbw>1)&&!((bw_st[1]&2))))))] (0:0:0 - 1)
		IfNotBlocked
		reached[2][30] = 1;
		if (!((((int)now.sup)&&((((((int)now.bql)>0)&&(((int)now.nbw)<2))||((((int)now.nbw)>0)&& !((((int)now.bw_st[0])&2))))||((((int)now.nbw)>1)&& !((((int)now.bw_st[1])&2)))))))
			continue;
		_m = 3; goto P999; /* 0 */
	case 91: // STATE 31 - mqc.pml:409 - [(((bql>0)&&(nbw<2)))] (0:0:0 - 1)
		IfNotBlocked
		reached[2][31] = 1;
		if (!(((((int)now.bql)>0)&&(((int)now.nbw)<2))))
			continue;
		_m = 3; goto P999; /* 0 */
	case 92: // STATE 32 - mqc.pml:412 - [bnext = ( ((bnext==(2+1))) -> (1) : ((bnext+1)) )] (0:38:2 - 1)
		IfNotBlocked
		reached[2][32] = 1;
		(trpt+1)->bup.ovals = grab_ints(2);
		(trpt+1)->bup.ovals[0] = ((int)now.bnext);
		now.bnext = ( ((((int)now.bnext)==(2+1))) ? (1) : ((((int)now.bnext)+1)) );
#ifdef VAR_RANGES
		logval("bnext", ((int)now.bnext));
#endif
		;
		/* merge: j = 0(38, 33, 38) */
		reached[2][33] = 1;
		(trpt+1)->bup.ovals[1] = ((int)((P2 *)_this)->j);
		((P2 *)_this)->j = 0;
#ifdef VAR_RANGES
		logval("Broker:j", ((int)((P2 *)_this)->j));
#endif
		;
		/* merge: .(goto)(0, 39, 38) */
		reached[2][39] = 1;
		;
		_m = 3; goto P999; /* 2 */
	case 93: // STATE 34 - mqc.pml:414 - [(((j<nbw)&&(bw_id[j]!=bnext)))] (38:0:1 - 1)
		IfNotBlocked
		reached[2][34] = 1;
		if (!(((((int)((P2 *)_this)->j)<((int)now.nbw))&&(((int)now.bw_id[ Index(((int)((P2 *)_this)->j), 2) ])!=((int)now.bnext)))))
			continue;
		/* merge: j = (j+1)(0, 35, 38) */
		reached[2][35] = 1;
		(trpt+1)->bup.oval = ((int)((P2 *)_this)->j);
		((P2 *)_this)->j = (((int)((P2 *)_this)->j)+1);
#ifdef VAR_RANGES
		logval("Broker:j", ((int)((P2 *)_this)->j));
#endif
		;
		/* merge: .(goto)(0, 39, 38) */
		reached[2][39] = 1;
		;
		_m = 3; goto P999; /* 2 */
	case 94: // STATE 41 - mqc.pml:415 - [((j==nbw))] (57:0:7 - 1)
		IfNotBlocked
		reached[2][41] = 1;
		if (!((((int)((P2 *)_this)->j)==((int)now.nbw))))
			continue;
		if (TstOnly) return 1; /* TT */
		/* dead 1: j */  (trpt+1)->bup.ovals = grab_ints(7);
		(trpt+1)->bup.ovals[0] = ((P2 *)_this)->j;
#ifdef HAS_CODE
		if (!readtrail)
#endif
			((P2 *)_this)->j = 0;
		/* merge: goto :b45(57, 42, 57) */
		reached[2][42] = 1;
		;
		/* merge: bw_m[nbw] = bq[bqh](57, 49, 57) */
		reached[2][49] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.bw_m[ Index(((int)now.nbw), 2) ]);
		now.bw_m[ Index(now.nbw, 2) ] = ((int)now.bq[ Index(((int)now.bqh), 5) ]);
#ifdef VAR_RANGES
		logval("bw_m[nbw]", ((int)now.bw_m[ Index(((int)now.nbw), 2) ]));
#endif
		;
		/* merge: bw_id[nbw] = bnext(57, 50, 57) */
		reached[2][50] = 1;
		(trpt+1)->bup.ovals[2] = ((int)now.bw_id[ Index(((int)now.nbw), 2) ]);
		now.bw_id[ Index(now.nbw, 2) ] = ((int)now.bnext);
#ifdef VAR_RANGES
		logval("bw_id[nbw]", ((int)now.bw_id[ Index(((int)now.nbw), 2) ]));
#endif
		;
		/* merge: bw_st[nbw] = 0(57, 51, 57) */
		reached[2][51] = 1;
		(trpt+1)->bup.ovals[3] = ((int)now.bw_st[ Index(((int)now.nbw), 2) ]);
		now.bw_st[ Index(now.nbw, 2) ] = 0;
#ifdef VAR_RANGES
		logval("bw_st[nbw]", ((int)now.bw_st[ Index(((int)now.nbw), 2) ]));
#endif
		;
		/* merge: nbw = (nbw+1)(57, 52, 57) */
		reached[2][52] = 1;
		(trpt+1)->bup.ovals[4] = ((int)now.nbw);
		now.nbw = (((int)now.nbw)+1);
#ifdef VAR_RANGES
		logval("nbw", ((int)now.nbw));
#endif
		;
		/* merge: bqh = ((bqh+1)%((2*2)+1))(57, 53, 57) */
		reached[2][53] = 1;
		(trpt+1)->bup.ovals[5] = ((int)now.bqh);
		now.bqh = ((((int)now.bqh)+1)%((2*2)+1));
#ifdef VAR_RANGES
		logval("bqh", ((int)now.bqh));
#endif
		;
		/* merge: bql = (bql-1)(57, 54, 57) */
		reached[2][54] = 1;
		(trpt+1)->bup.ovals[6] = ((int)now.bql);
		now.bql = (((int)now.bql)-1);
#ifdef VAR_RANGES
		logval("bql", ((int)now.bql));
#endif
		;
		/* merge: .(goto)(0, 58, 57) */
		reached[2][58] = 1;
		;
		_m = 3; goto P999; /* 8 */
	case 95: // STATE 49 - mqc.pml:417 - [bw_m[nbw] = bq[bqh]] (0:57:6 - 3)
		IfNotBlocked
		reached[2][49] = 1;
		(trpt+1)->bup.ovals = grab_ints(6);
		(trpt+1)->bup.ovals[0] = ((int)now.bw_m[ Index(((int)now.nbw), 2) ]);
		now.bw_m[ Index(now.nbw, 2) ] = ((int)now.bq[ Index(((int)now.bqh), 5) ]);
#ifdef VAR_RANGES
		logval("bw_m[nbw]", ((int)now.bw_m[ Index(((int)now.nbw), 2) ]));
#endif
		;
		/* merge: bw_id[nbw] = bnext(57, 50, 57) */
		reached[2][50] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.bw_id[ Index(((int)now.nbw), 2) ]);
		now.bw_id[ Index(now.nbw, 2) ] = ((int)now.bnext);
#ifdef VAR_RANGES
		logval("bw_id[nbw]", ((int)now.bw_id[ Index(((int)now.nbw), 2) ]));
#endif
		;
		/* merge: bw_st[nbw] = 0(57, 51, 57) */
		reached[2][51] = 1;
		(trpt+1)->bup.ovals[2] = ((int)now.bw_st[ Index(((int)now.nbw), 2) ]);
		now.bw_st[ Index(now.nbw, 2) ] = 0;
#ifdef VAR_RANGES
		logval("bw_st[nbw]", ((int)now.bw_st[ Index(((int)now.nbw), 2) ]));
#endif
		;
		/* merge: nbw = (nbw+1)(57, 52, 57) */
		reached[2][52] = 1;
		(trpt+1)->bup.ovals[3] = ((int)now.nbw);
		now.nbw = (((int)now.nbw)+1);
#ifdef VAR_RANGES
		logval("nbw", ((int)now.nbw));
#endif
		;
		/* merge: bqh = ((bqh+1)%((2*2)+1))(57, 53, 57) */
		reached[2][53] = 1;
		(trpt+1)->bup.ovals[4] = ((int)now.bqh);
		now.bqh = ((((int)now.bqh)+1)%((2*2)+1));
#ifdef VAR_RANGES
		logval("bqh", ((int)now.bqh));
#endif
		;
		/* merge: bql = (bql-1)(57, 54, 57) */
		reached[2][54] = 1;
		(trpt+1)->bup.ovals[5] = ((int)now.bql);
		now.bql = (((int)now.bql)-1);
#ifdef VAR_RANGES
		logval("bql", ((int)now.bql));
#endif
		;
		/* merge: .(goto)(0, 58, 57) */
		reached[2][58] = 1;
		;
		_m = 3; goto P999; /* 6 */
	case 96: // STATE 61 - mqc.pml:490 - [i = 0] (0:66:1 - 3)
		IfNotBlocked
		reached[2][61] = 1;
		(trpt+1)->bup.oval = ((int)((P2 *)_this)->i);
		((P2 *)_this)->i = 0;
#ifdef VAR_RANGES
		logval("Broker:i", ((int)((P2 *)_this)->i));
#endif
		;
		/* merge: .(goto)(0, 67, 66) */
		reached[2][67] = 1;
		;
		_m = 3; goto P999; /* 1 */
	case 97: // STATE 62 - mqc.pml:491 - [(((i<nbw)&&(bw_st[i]&2)))] (66:0:1 - 1)
		IfNotBlocked
		reached[2][62] = 1;
		if (!(((((int)((P2 *)_this)->i)<((int)now.nbw))&&(((int)now.bw_st[ Index(((int)((P2 *)_this)->i), 2) ])&2))))
			continue;
		/* merge: i = (i+1)(0, 63, 66) */
		reached[2][63] = 1;
		(trpt+1)->bup.oval = ((int)((P2 *)_this)->i);
		((P2 *)_this)->i = (((int)((P2 *)_this)->i)+1);
#ifdef VAR_RANGES
		logval("Broker:i", ((int)((P2 *)_this)->i));
#endif
		;
		/* merge: .(goto)(0, 67, 66) */
		reached[2][67] = 1;
		;
		_m = 3; goto P999; /* 2 */
	case 98: // STATE 69 - mqc.pml:493 - [(((i<nbw)&&(bw_st[i]&1)))] (71:0:0 - 1)
		IfNotBlocked
		reached[2][69] = 1;
		if (!(((((int)((P2 *)_this)->i)<((int)now.nbw))&&(((int)now.bw_st[ Index(((int)((P2 *)_this)->i), 2) ])&1))))
			continue;
		/* merge: assert(nfull(b2s))(0, 70, 71) */
		reached[2][70] = 1;
		spin_assert((!q_full(now.b2s)), "(!q_full(b2s))", II, tt, t);
		_m = 3; goto P999; /* 1 */
	case 99: // STATE 71 - mqc.pml:493 - [b2s!PUBREL,bw_id[i],0,0] (0:0:0 - 1)
		IfNotBlocked
		reached[2][71] = 1;
		if (q_full(now.b2s))
			continue;
#ifdef HAS_CODE
		if (readtrail && gui) {
			char simtmp[64];
			sprintf(simvals, "%d!", now.b2s);
		sprintf(simtmp, "%d", 2); strcat(simvals, simtmp);		strcat(simvals, ",");
		sprintf(simtmp, "%d", ((int)now.bw_id[ Index(((int)((P2 *)_this)->i), 2) ])); strcat(simvals, simtmp);		strcat(simvals, ",");
		sprintf(simtmp, "%d", 0); strcat(simvals, simtmp);		strcat(simvals, ",");
		sprintf(simtmp, "%d", 0); strcat(simvals, simtmp);		}
#endif
		
		qsend(now.b2s, 0, 2, ((int)now.bw_id[ Index(((int)((P2 *)_this)->i), 2) ]), 0, 0, 4);
		_m = 2; goto P999; /* 0 */
	case 100: // STATE 72 - mqc.pml:494 - [(((i<nbw)&&!((bw_st[i]&1))))] (74:0:0 - 1)
		IfNotBlocked
		reached[2][72] = 1;
		if (!(((((int)((P2 *)_this)->i)<((int)now.nbw))&& !((((int)now.bw_st[ Index(((int)((P2 *)_this)->i), 2) ])&1)))))
			continue;
		/* merge: assert(nfull(b2s))(0, 73, 74) */
		reached[2][73] = 1;
		spin_assert((!q_full(now.b2s)), "(!q_full(b2s))", II, tt, t);
		_m = 3; goto P999; /* 1 */
	case 101: // STATE 74 - mqc.pml:495 - [b2s!PUBLISH,bw_id[i],bw_m[i],((bw_st[i]&4)!=0)] (82:0:1 - 1)
		IfNotBlocked
		reached[2][74] = 1;
		if (q_full(now.b2s))
			continue;
#ifdef HAS_CODE
		if (readtrail && gui) {
			char simtmp[64];
			sprintf(simvals, "%d!", now.b2s);
		sprintf(simtmp, "%d", 5); strcat(simvals, simtmp);		strcat(simvals, ",");
		sprintf(simtmp, "%d", ((int)now.bw_id[ Index(((int)((P2 *)_this)->i), 2) ])); strcat(simvals, simtmp);		strcat(simvals, ",");
		sprintf(simtmp, "%d", ((int)now.bw_m[ Index(((int)((P2 *)_this)->i), 2) ])); strcat(simvals, simtmp);		strcat(simvals, ",");
		sprintf(simtmp, "%d", ((((int)now.bw_st[ Index(((int)((P2 *)_this)->i), 2) ])&4)!=0)); strcat(simvals, simtmp);		}
#endif
		
		qsend(now.b2s, 0, 5, ((int)now.bw_id[ Index(((int)((P2 *)_this)->i), 2) ]), ((int)now.bw_m[ Index(((int)((P2 *)_this)->i), 2) ]), ((((int)now.bw_st[ Index(((int)((P2 *)_this)->i), 2) ])&4)!=0), 4);
		/* merge: bw_st[i] = (bw_st[i]|4)(0, 75, 82) */
		reached[2][75] = 1;
		(trpt+1)->bup.oval = ((int)now.bw_st[ Index(((int)((P2 *)_this)->i), 2) ]);
		now.bw_st[ Index(((P2 *)_this)->i, 2) ] = (((int)now.bw_st[ Index(((int)((P2 *)_this)->i), 2) ])|4);
#ifdef VAR_RANGES
		logval("bw_st[Broker:i]", ((int)now.bw_st[ Index(((int)((P2 *)_this)->i), 2) ]));
#endif
		;
		/* merge: .(goto)(0, 78, 82) */
		reached[2][78] = 1;
		;
		_m = 2; goto P999; /* 2 */
	case 102: // STATE 79 - mqc.pml:499 - [((i<nbw))] (113:0:1 - 1)
		IfNotBlocked
		reached[2][79] = 1;
		if (!((((int)((P2 *)_this)->i)<((int)now.nbw))))
			continue;
		/* merge: bw_st[i] = (bw_st[i]|2)(113, 80, 113) */
		reached[2][80] = 1;
		(trpt+1)->bup.oval = ((int)now.bw_st[ Index(((int)((P2 *)_this)->i), 2) ]);
		now.bw_st[ Index(((P2 *)_this)->i, 2) ] = (((int)now.bw_st[ Index(((int)((P2 *)_this)->i), 2) ])|2);
#ifdef VAR_RANGES
		logval("bw_st[Broker:i]", ((int)now.bw_st[ Index(((int)((P2 *)_this)->i), 2) ]));
#endif
		;
		/* merge: .(goto)(113, 83, 113) */
		reached[2][83] = 1;
		;
		/* merge: .(goto)(0, 114, 113) */
		reached[2][114] = 1;
		;
		_m = 3; goto P999; /* 3 */
	case 103: // STATE 83 - mqc.pml:499 - [.(goto)] (0:113:0 - 2)
		IfNotBlocked
		reached[2][83] = 1;
		;
		/* merge: .(goto)(0, 114, 113) */
		reached[2][114] = 1;
		;
		_m = 3; goto P999; /* 1 */
	case 104: // STATE 85 - mqc.pml:500 - [s2b?t,id,m,d] (91:0:7 - 1)
		reached[2][85] = 1;
		if (q_len(now.s2b) == 0) continue;

		XX=1;
		(trpt+1)->bup.ovals = grab_ints(7);
		(trpt+1)->bup.ovals[0] = ((P2 *)_this)->t;
		(trpt+1)->bup.ovals[1] = ((int)((P2 *)_this)->id);
		(trpt+1)->bup.ovals[2] = ((int)((P2 *)_this)->m);
		(trpt+1)->bup.ovals[3] = ((int)((P2 *)_this)->d);
		;
		((P2 *)_this)->t = qrecv(now.s2b, XX-1, 0, 0);
#ifdef VAR_RANGES
		logval("Broker:t", ((P2 *)_this)->t);
#endif
		;
		((P2 *)_this)->id = qrecv(now.s2b, XX-1, 1, 0);
#ifdef VAR_RANGES
		logval("Broker:id", ((int)((P2 *)_this)->id));
#endif
		;
		((P2 *)_this)->m = qrecv(now.s2b, XX-1, 2, 0);
#ifdef VAR_RANGES
		logval("Broker:m", ((int)((P2 *)_this)->m));
#endif
		;
		((P2 *)_this)->d = qrecv(now.s2b, XX-1, 3, 1);
#ifdef VAR_RANGES
		logval("Broker:d", ((int)((P2 *)_this)->d));
#endif
		;
		
#ifdef HAS_CODE
		if (readtrail && gui) {
			char simtmp[32];
			sprintf(simvals, "%d?", now.s2b);
		sprintf(simtmp, "%d", ((P2 *)_this)->t); strcat(simvals, simtmp);		strcat(simvals, ",");
		sprintf(simtmp, "%d", ((int)((P2 *)_this)->id)); strcat(simvals, simtmp);		strcat(simvals, ",");
		sprintf(simtmp, "%d", ((int)((P2 *)_this)->m)); strcat(simvals, simtmp);		strcat(simvals, ",");
		sprintf(simtmp, "%d", ((int)((P2 *)_this)->d)); strcat(simvals, simtmp);		}
#endif
		;
		if (TstOnly) return 1; /* TT */
		/* dead 2: m */  (trpt+1)->bup.ovals[4] = ((P2 *)_this)->m;
#ifdef HAS_CODE
		if (!readtrail)
#endif
			((P2 *)_this)->m = 0;
		if (TstOnly) return 1; /* TT */
		/* dead 2: d */  (trpt+1)->bup.ovals[5] = ((P2 *)_this)->d;
#ifdef HAS_CODE
		if (!readtrail)
#endif
			((P2 *)_this)->d = 0;
		/* merge: i = 0(0, 86, 91) */
		reached[2][86] = 1;
		(trpt+1)->bup.ovals[6] = ((int)((P2 *)_this)->i);
		((P2 *)_this)->i = 0;
#ifdef VAR_RANGES
		logval("Broker:i", ((int)((P2 *)_this)->i));
#endif
		;
		/* merge: .(goto)(0, 92, 91) */
		reached[2][92] = 1;
		;
		_m = 4; goto P999; /* 2 */
	case 105: // STATE 87 - mqc.pml:502 - [(((i<nbw)&&(bw_id[i]!=id)))] (91:0:1 - 1)
		IfNotBlocked
		reached[2][87] = 1;
		if (!(((((int)((P2 *)_this)->i)<((int)now.nbw))&&(((int)now.bw_id[ Index(((int)((P2 *)_this)->i), 2) ])!=((int)((P2 *)_this)->id)))))
			continue;
		/* merge: i = (i+1)(0, 88, 91) */
		reached[2][88] = 1;
		(trpt+1)->bup.oval = ((int)((P2 *)_this)->i);
		((P2 *)_this)->i = (((int)((P2 *)_this)->i)+1);
#ifdef VAR_RANGES
		logval("Broker:i", ((int)((P2 *)_this)->i));
#endif
		;
		/* merge: .(goto)(0, 92, 91) */
		reached[2][92] = 1;
		;
		_m = 3; goto P999; /* 2 */
	case 106: // STATE 94 - mqc.pml:504 - [((((i<nbw)&&(t==PUBREC))&&!((bw_st[i]&1))))] (113:0:2 - 1)
		IfNotBlocked
		reached[2][94] = 1;
		if (!((((((int)((P2 *)_this)->i)<((int)now.nbw))&&(((P2 *)_this)->t==3))&& !((((int)now.bw_st[ Index(((int)((P2 *)_this)->i), 2) ])&1)))))
			continue;
		if (TstOnly) return 1; /* TT */
		/* dead 1: t */  (trpt+1)->bup.ovals = grab_ints(2);
		(trpt+1)->bup.ovals[0] = ((P2 *)_this)->t;
#ifdef HAS_CODE
		if (!readtrail)
#endif
			((P2 *)_this)->t = 0;
		/* merge: bw_st[i] = 1(113, 95, 113) */
		reached[2][95] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.bw_st[ Index(((int)((P2 *)_this)->i), 2) ]);
		now.bw_st[ Index(((P2 *)_this)->i, 2) ] = 1;
#ifdef VAR_RANGES
		logval("bw_st[Broker:i]", ((int)now.bw_st[ Index(((int)((P2 *)_this)->i), 2) ]));
#endif
		;
		/* merge: .(goto)(113, 111, 113) */
		reached[2][111] = 1;
		;
		/* merge: .(goto)(0, 114, 113) */
		reached[2][114] = 1;
		;
		_m = 3; goto P999; /* 3 */
	case 107: // STATE 111 - mqc.pml:513 - [.(goto)] (0:113:0 - 3)
		IfNotBlocked
		reached[2][111] = 1;
		;
		/* merge: .(goto)(0, 114, 113) */
		reached[2][114] = 1;
		;
		_m = 3; goto P999; /* 1 */
	case 108: // STATE 96 - mqc.pml:505 - [(((i<nbw)&&(((t==PUBCOMP)&&(bw_st[i]&1))||(t==PUBACK))))] (105:0:2 - 1)
		IfNotBlocked
		reached[2][96] = 1;
		if (!(((((int)((P2 *)_this)->i)<((int)now.nbw))&&(((((P2 *)_this)->t==1)&&(((int)now.bw_st[ Index(((int)((P2 *)_this)->i), 2) ])&1))||(((P2 *)_this)->t==4)))))
			continue;
		if (TstOnly) return 1; /* TT */
		/* dead 1: t */  (trpt+1)->bup.ovals = grab_ints(2);
		(trpt+1)->bup.ovals[0] = ((P2 *)_this)->t;
#ifdef HAS_CODE
		if (!readtrail)
#endif
			((P2 *)_this)->t = 0;
		/* merge: j = i(0, 97, 105) */
		reached[2][97] = 1;
		(trpt+1)->bup.ovals[1] = ((int)((P2 *)_this)->j);
		((P2 *)_this)->j = ((int)((P2 *)_this)->i);
#ifdef VAR_RANGES
		logval("Broker:j", ((int)((P2 *)_this)->j));
#endif
		;
		/* merge: .(goto)(0, 106, 105) */
		reached[2][106] = 1;
		;
		_m = 3; goto P999; /* 2 */
	case 109: // STATE 98 - mqc.pml:508 - [(((j+1)<nbw))] (105:0:4 - 1)
		IfNotBlocked
		reached[2][98] = 1;
		if (!(((((int)((P2 *)_this)->j)+1)<((int)now.nbw))))
			continue;
		/* merge: bw_m[j] = bw_m[(j+1)](105, 99, 105) */
		reached[2][99] = 1;
		(trpt+1)->bup.ovals = grab_ints(4);
		(trpt+1)->bup.ovals[0] = ((int)now.bw_m[ Index(((int)((P2 *)_this)->j), 2) ]);
		now.bw_m[ Index(((P2 *)_this)->j, 2) ] = ((int)now.bw_m[ Index((((int)((P2 *)_this)->j)+1), 2) ]);
#ifdef VAR_RANGES
		logval("bw_m[Broker:j]", ((int)now.bw_m[ Index(((int)((P2 *)_this)->j), 2) ]));
#endif
		;
		/* merge: bw_id[j] = bw_id[(j+1)](105, 100, 105) */
		reached[2][100] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.bw_id[ Index(((int)((P2 *)_this)->j), 2) ]);
		now.bw_id[ Index(((P2 *)_this)->j, 2) ] = ((int)now.bw_id[ Index((((int)((P2 *)_this)->j)+1), 2) ]);
#ifdef VAR_RANGES
		logval("bw_id[Broker:j]", ((int)now.bw_id[ Index(((int)((P2 *)_this)->j), 2) ]));
#endif
		;
		/* merge: bw_st[j] = bw_st[(j+1)](105, 101, 105) */
		reached[2][101] = 1;
		(trpt+1)->bup.ovals[2] = ((int)now.bw_st[ Index(((int)((P2 *)_this)->j), 2) ]);
		now.bw_st[ Index(((P2 *)_this)->j, 2) ] = ((int)now.bw_st[ Index((((int)((P2 *)_this)->j)+1), 2) ]);
#ifdef VAR_RANGES
		logval("bw_st[Broker:j]", ((int)now.bw_st[ Index(((int)((P2 *)_this)->j), 2) ]));
#endif
		;
		/* merge: j = (j+1)(105, 102, 105) */
		reached[2][102] = 1;
		(trpt+1)->bup.ovals[3] = ((int)((P2 *)_this)->j);
		((P2 *)_this)->j = (((int)((P2 *)_this)->j)+1);
#ifdef VAR_RANGES
		logval("Broker:j", ((int)((P2 *)_this)->j));
#endif
		;
		/* merge: .(goto)(0, 106, 105) */
		reached[2][106] = 1;
		;
		_m = 3; goto P999; /* 5 */
	case 110: // STATE 108 - mqc.pml:511 - [nbw = (nbw-1)] (0:113:1 - 3)
		IfNotBlocked
		reached[2][108] = 1;
		(trpt+1)->bup.oval = ((int)now.nbw);
		now.nbw = (((int)now.nbw)-1);
#ifdef VAR_RANGES
		logval("nbw", ((int)now.nbw));
#endif
		;
		/* merge: .(goto)(113, 111, 113) */
		reached[2][111] = 1;
		;
		/* merge: .(goto)(0, 114, 113) */
		reached[2][114] = 1;
		;
		_m = 3; goto P999; /* 2 */
	case 111: // STATE 116 - mqc.pml:515 - [-end-] (0:0:0 - 1)
		IfNotBlocked
		reached[2][116] = 1;
		if (!delproc(1, II)) continue;
		_m = 3; goto P999; /* 0 */

		 /* PROC Subscriber */
	case 112: // STATE 1 - mqc.pml:448 - [(!(sup))] (20:0:2 - 1)
		IfNotBlocked
		reached[1][1] = 1;
		if (!( !(((int)now.sup))))
			continue;
		/* merge: sp = bs_has(20, 2, 20) */
		reached[1][2] = 1;
		(trpt+1)->bup.ovals = grab_ints(2);
		(trpt+1)->bup.ovals[0] = ((int)((P1 *)_this)->sp);
		((P1 *)_this)->sp = ((int)now.bs_has);
#ifdef VAR_RANGES
		logval("Subscriber:sp", ((int)((P1 *)_this)->sp));
#endif
		;
		/* merge: bs_has = 1(20, 3, 20) */
		reached[1][3] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.bs_has);
		now.bs_has = 1;
#ifdef VAR_RANGES
		logval("bs_has", ((int)now.bs_has));
#endif
		;
		_m = 3; goto P999; /* 2 */
	case 113: // STATE 4 - mqc.pml:391 - [printf('@S conn %d\\n',sp)] (0:0:0 - 1)
		IfNotBlocked
		reached[1][4] = 1;
		Printf("@S conn %d\n", ((int)((P1 *)_this)->sp));
		_m = 3; goto P999; /* 0 */
	case 114: // STATE 5 - mqc.pml:393 - [((!(sp)&&s_ever))] (13:0:3 - 1)
		IfNotBlocked
		reached[1][5] = 1;
		if (!(( !(((int)((P1 *)_this)->sp))&&((int)now.s_ever))))
			continue;
		if (TstOnly) return 1; /* TT */
		/* dead 1: sp */  (trpt+1)->bup.ovals = grab_ints(3);
		(trpt+1)->bup.ovals[0] = ((P1 *)_this)->sp;
#ifdef HAS_CODE
		if (!readtrail)
#endif
			((P1 *)_this)->sp = 0;
		/* merge: nin = 0(13, 6, 13) */
		reached[1][6] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.nin);
		now.nin = 0;
#ifdef VAR_RANGES
		logval("nin", ((int)now.nin));
#endif
		;
		/* merge: i = 0(13, 7, 13) */
		reached[1][7] = 1;
		(trpt+1)->bup.ovals[2] = ((int)((P1 *)_this)->i);
		((P1 *)_this)->i = 0;
#ifdef VAR_RANGES
		logval("Subscriber:i", ((int)((P1 *)_this)->i));
#endif
		;
		/* merge: .(goto)(0, 14, 13) */
		reached[1][14] = 1;
		;
		_m = 3; goto P999; /* 3 */
	case 115: // STATE 8 - mqc.pml:395 - [((i<=(2+1)))] (13:0:2 - 1)
		IfNotBlocked
		reached[1][8] = 1;
		if (!((((int)((P1 *)_this)->i)<=(2+1))))
			continue;
		/* merge: sv.held[i] = 0(13, 9, 13) */
		reached[1][9] = 1;
		(trpt+1)->bup.ovals = grab_ints(2);
		(trpt+1)->bup.ovals[0] = ((int)now.sv.held[ Index(((int)((P1 *)_this)->i), 4) ]);
		now.sv.held[ Index(((P1 *)_this)->i, 4) ] = 0;
#ifdef VAR_RANGES
		logval("sv.held[Subscriber:i]", ((int)now.sv.held[ Index(((int)((P1 *)_this)->i), 4) ]));
#endif
		;
		/* merge: i = (i+1)(13, 10, 13) */
		reached[1][10] = 1;
		(trpt+1)->bup.ovals[1] = ((int)((P1 *)_this)->i);
		((P1 *)_this)->i = (((int)((P1 *)_this)->i)+1);
#ifdef VAR_RANGES
		logval("Subscriber:i", ((int)((P1 *)_this)->i));
#endif
		;
		/* merge: .(goto)(0, 14, 13) */
		reached[1][14] = 1;
		;
		_m = 3; goto P999; /* 3 */
	case 116: // STATE 19 - mqc.pml:398 - [s_ever = 1] (0:27:2 - 5)
		IfNotBlocked
		reached[1][19] = 1;
		(trpt+1)->bup.ovals = grab_ints(2);
		(trpt+1)->bup.ovals[0] = ((int)now.s_ever);
		now.s_ever = 1;
#ifdef VAR_RANGES
		logval("s_ever", ((int)now.s_ever));
#endif
		;
		/* merge: i = 0(27, 21, 27) */
		reached[1][21] = 1;
		(trpt+1)->bup.ovals[1] = ((int)((P1 *)_this)->i);
		((P1 *)_this)->i = 0;
#ifdef VAR_RANGES
		logval("Subscriber:i", ((int)((P1 *)_this)->i));
#endif
		;
		/* merge: .(goto)(0, 28, 27) */
		reached[1][28] = 1;
		;
		_m = 3; goto P999; /* 2 */
	case 117: // STATE 22 - mqc.pml:457 - [((i<nbw))] (27:0:2 - 1)
		IfNotBlocked
		reached[1][22] = 1;
		if (!((((int)((P1 *)_this)->i)<((int)now.nbw))))
			continue;
		/* merge: bw_st[i] = (bw_st[i]&~(2))(27, 23, 27) */
		reached[1][23] = 1;
		(trpt+1)->bup.ovals = grab_ints(2);
		(trpt+1)->bup.ovals[0] = ((int)now.bw_st[ Index(((int)((P1 *)_this)->i), 2) ]);
		now.bw_st[ Index(((P1 *)_this)->i, 2) ] = (((int)now.bw_st[ Index(((int)((P1 *)_this)->i), 2) ])& ~(2));
#ifdef VAR_RANGES
		logval("bw_st[Subscriber:i]", ((int)now.bw_st[ Index(((int)((P1 *)_this)->i), 2) ]));
#endif
		;
		/* merge: i = (i+1)(27, 24, 27) */
		reached[1][24] = 1;
		(trpt+1)->bup.ovals[1] = ((int)((P1 *)_this)->i);
		((P1 *)_this)->i = (((int)((P1 *)_this)->i)+1);
#ifdef VAR_RANGES
		logval("Subscriber:i", ((int)((P1 *)_this)->i));
#endif
		;
		/* merge: .(goto)(0, 28, 27) */
		reached[1][28] = 1;
		;
		_m = 3; goto P999; /* 3 */
	case 118: // STATE 30 - mqc.pml:458 - [sup = 1] (0:0:1 - 1)
		IfNotBlocked
		reached[1][30] = 1;
		(trpt+1)->bup.oval = ((int)now.sup);
		now.sup = 1;
#ifdef VAR_RANGES
		logval("sup", ((int)now.sup));
#endif
		;
		_m = 3; goto P999; /* 0 */
	case 119: // STATE 32 - mqc.pml:459 - [((sup&&(((((nin>0)&&((in_st[0]==3)||(in_st[0]==1)))||((nin>1)&&((in_st[1]==3)||(in_st[1]==1))))||((nin>2)&&((in_st[2]==3)||(in_st[2]==1))))||((nin>3)&&((in_st[3]==3)||(in_st[3]==1))))))] (0:0:0 - 1)
		IfNotBlocked
		reached[1][32] = 1;
		if (!((((int)now.sup)&&(((((((int)now.nin)>0)&&((((int)now.in_st[0])==3)||(((int)now.in_st[0])==1)))||((((int)now.nin)>1)&&((((int)now.in_st[1])==3)||(((int)now.in_st[1])==1))))||((((int)now.nin)>2)&&((((int)now.in_st[2])==3)||(((int)now.in_st[2])==1))))||((((int)now.nin)>3)&&((((int)now.in_st[3])==3)||(((int)now.in_st[3])==1)))))))
			continue;
		_m = 3; goto P999; /* 0 */
	case 120: // STATE 33 - mqc.pml:130 - [i = 0] (0:0:1 - 1)
		IfNotBlocked
		reached[1][33] = 1;
		(trpt+1)->bup.oval = ((int)((P1 *)_this)->i);
		((P1 *)_this)->i = 0;
#ifdef VAR_RANGES
		logval("Subscriber:i", ((int)((P1 *)_this)->i));
#endif
		;
		_m = 3; goto P999; /* 0 */
	case 121: // STATE 34 - mqc.pml:130 - [((i<=(2+1)))] (39:0:2 - 1)
		IfNotBlocked
		reached[1][34] = 1;
		if (!((((int)((P1 *)_this)->i)<=(2+1))))
			continue;
		/* merge: sd.held[i] = sv.held[i](39, 35, 39) */
		reached[1][35] = 1;
		(trpt+1)->bup.ovals = grab_ints(2);
		(trpt+1)->bup.ovals[0] = ((int)now.sd.held[ Index(((int)((P1 *)_this)->i), 4) ]);
		now.sd.held[ Index(((P1 *)_this)->i, 4) ] = ((int)now.sv.held[ Index(((int)((P1 *)_this)->i), 4) ]);
#ifdef VAR_RANGES
		logval("sd.held[Subscriber:i]", ((int)now.sd.held[ Index(((int)((P1 *)_this)->i), 4) ]));
#endif
		;
		/* merge: i = (i+1)(39, 36, 39) */
		reached[1][36] = 1;
		(trpt+1)->bup.ovals[1] = ((int)((P1 *)_this)->i);
		((P1 *)_this)->i = (((int)((P1 *)_this)->i)+1);
#ifdef VAR_RANGES
		logval("Subscriber:i", ((int)((P1 *)_this)->i));
#endif
		;
		/* merge: .(goto)(0, 40, 39) */
		reached[1][40] = 1;
		;
		_m = 3; goto P999; /* 3 */
	case 122: // STATE 42 - mqc.pml:130 - [i = 0] (0:48:1 - 3)
		IfNotBlocked
		reached[1][42] = 1;
		(trpt+1)->bup.oval = ((int)((P1 *)_this)->i);
		((P1 *)_this)->i = 0;
#ifdef VAR_RANGES
		logval("Subscriber:i", ((int)((P1 *)_this)->i));
#endif
		;
		/* merge: .(goto)(0, 49, 48) */
		reached[1][49] = 1;
		;
		_m = 3; goto P999; /* 1 */
	case 123: // STATE 43 - mqc.pml:130 - [((i<2))] (48:0:2 - 1)
		IfNotBlocked
		reached[1][43] = 1;
		if (!((((int)((P1 *)_this)->i)<2)))
			continue;
		/* merge: sd.del[i] = sv.del[i](48, 44, 48) */
		reached[1][44] = 1;
		(trpt+1)->bup.ovals = grab_ints(2);
		(trpt+1)->bup.ovals[0] = ((int)now.sd.del[ Index(((int)((P1 *)_this)->i), 2) ]);
		now.sd.del[ Index(((P1 *)_this)->i, 2) ] = ((int)now.sv.del[ Index(((int)((P1 *)_this)->i), 2) ]);
#ifdef VAR_RANGES
		logval("sd.del[Subscriber:i]", ((int)now.sd.del[ Index(((int)((P1 *)_this)->i), 2) ]));
#endif
		;
		/* merge: i = (i+1)(48, 45, 48) */
		reached[1][45] = 1;
		(trpt+1)->bup.ovals[1] = ((int)((P1 *)_this)->i);
		((P1 *)_this)->i = (((int)((P1 *)_this)->i)+1);
#ifdef VAR_RANGES
		logval("Subscriber:i", ((int)((P1 *)_this)->i));
#endif
		;
		/* merge: .(goto)(0, 49, 48) */
		reached[1][49] = 1;
		;
		_m = 3; goto P999; /* 3 */
	case 124: // STATE 51 - mqc.pml:130 - [((0!=2))] (58:0:1 - 1)
		IfNotBlocked
		reached[1][51] = 1;
		if (!((0!=2)))
			continue;
		/* merge: i = 0(0, 52, 58) */
		reached[1][52] = 1;
		(trpt+1)->bup.oval = ((int)((P1 *)_this)->i);
		((P1 *)_this)->i = 0;
#ifdef VAR_RANGES
		logval("Subscriber:i", ((int)((P1 *)_this)->i));
#endif
		;
		/* merge: .(goto)(0, 59, 58) */
		reached[1][59] = 1;
		;
		_m = 3; goto P999; /* 2 */
	case 125: // STATE 53 - mqc.pml:130 - [((i<=(2+1)))] (58:0:2 - 1)
		IfNotBlocked
		reached[1][53] = 1;
		if (!((((int)((P1 *)_this)->i)<=(2+1))))
			continue;
		/* merge: sf.held[i] = sd.held[i](58, 54, 58) */
		reached[1][54] = 1;
		(trpt+1)->bup.ovals = grab_ints(2);
		(trpt+1)->bup.ovals[0] = ((int)now.sf.held[ Index(((int)((P1 *)_this)->i), 4) ]);
		now.sf.held[ Index(((P1 *)_this)->i, 4) ] = ((int)now.sd.held[ Index(((int)((P1 *)_this)->i), 4) ]);
#ifdef VAR_RANGES
		logval("sf.held[Subscriber:i]", ((int)now.sf.held[ Index(((int)((P1 *)_this)->i), 4) ]));
#endif
		;
		/* merge: i = (i+1)(58, 55, 58) */
		reached[1][55] = 1;
		(trpt+1)->bup.ovals[1] = ((int)((P1 *)_this)->i);
		((P1 *)_this)->i = (((int)((P1 *)_this)->i)+1);
#ifdef VAR_RANGES
		logval("Subscriber:i", ((int)((P1 *)_this)->i));
#endif
		;
		/* merge: .(goto)(0, 59, 58) */
		reached[1][59] = 1;
		;
		_m = 3; goto P999; /* 3 */
	case 126: // STATE 61 - mqc.pml:130 - [i = 0] (0:67:1 - 3)
		IfNotBlocked
		reached[1][61] = 1;
		(trpt+1)->bup.oval = ((int)((P1 *)_this)->i);
		((P1 *)_this)->i = 0;
#ifdef VAR_RANGES
		logval("Subscriber:i", ((int)((P1 *)_this)->i));
#endif
		;
		/* merge: .(goto)(0, 68, 67) */
		reached[1][68] = 1;
		;
		_m = 3; goto P999; /* 1 */
	case 127: // STATE 62 - mqc.pml:130 - [((i<2))] (67:0:2 - 1)
		IfNotBlocked
		reached[1][62] = 1;
		if (!((((int)((P1 *)_this)->i)<2)))
			continue;
		/* merge: sf.del[i] = sd.del[i](67, 63, 67) */
		reached[1][63] = 1;
		(trpt+1)->bup.ovals = grab_ints(2);
		(trpt+1)->bup.ovals[0] = ((int)now.sf.del[ Index(((int)((P1 *)_this)->i), 2) ]);
		now.sf.del[ Index(((P1 *)_this)->i, 2) ] = ((int)now.sd.del[ Index(((int)((P1 *)_this)->i), 2) ]);
#ifdef VAR_RANGES
		logval("sf.del[Subscriber:i]", ((int)now.sf.del[ Index(((int)((P1 *)_this)->i), 2) ]));
#endif
		;
		/* merge: i = (i+1)(67, 64, 67) */
		reached[1][64] = 1;
		(trpt+1)->bup.ovals[1] = ((int)((P1 *)_this)->i);
		((P1 *)_this)->i = (((int)((P1 *)_this)->i)+1);
#ifdef VAR_RANGES
		logval("Subscriber:i", ((int)((P1 *)_this)->i));
#endif
		;
		/* merge: .(goto)(0, 68, 67) */
		reached[1][68] = 1;
		;
		_m = 3; goto P999; /* 3 */
	case 128: // STATE 74 - mqc.pml:361 - [i = 0] (0:119:1 - 5)
		IfNotBlocked
		reached[1][74] = 1;
		(trpt+1)->bup.oval = ((int)((P1 *)_this)->i);
		((P1 *)_this)->i = 0;
#ifdef VAR_RANGES
		logval("Subscriber:i", ((int)((P1 *)_this)->i));
#endif
		;
		/* merge: .(goto)(0, 120, 119) */
		reached[1][120] = 1;
		;
		_m = 3; goto P999; /* 1 */
	case 129: // STATE 75 - mqc.pml:363 - [(((i<nin)&&(in_st[i]==3)))] (78:0:0 - 1)
		IfNotBlocked
		reached[1][75] = 1;
		if (!(((((int)((P1 *)_this)->i)<((int)now.nin))&&(((int)now.in_st[ Index(((int)((P1 *)_this)->i), 4) ])==3))))
			continue;
		/* merge: printf('@S out PUBCOMP %d\\n',in_id[i])(78, 76, 78) */
		reached[1][76] = 1;
		Printf("@S out PUBCOMP %d\n", ((int)now.in_id[ Index(((int)((P1 *)_this)->i), 4) ]));
		/* merge: assert(nfull(s2b))(78, 77, 78) */
		reached[1][77] = 1;
		spin_assert((!q_full(now.s2b)), "(!q_full(s2b))", II, tt, t);
		_m = 3; goto P999; /* 2 */
	case 130: // STATE 78 - mqc.pml:365 - [s2b!PUBCOMP,in_id[i],0,0] (0:0:0 - 1)
		IfNotBlocked
		reached[1][78] = 1;
		if (q_full(now.s2b))
			continue;
#ifdef HAS_CODE
		if (readtrail && gui) {
			char simtmp[64];
			sprintf(simvals, "%d!", now.s2b);
		sprintf(simtmp, "%d", 1); strcat(simvals, simtmp);		strcat(simvals, ",");
		sprintf(simtmp, "%d", ((int)now.in_id[ Index(((int)((P1 *)_this)->i), 4) ])); strcat(simvals, simtmp);		strcat(simvals, ",");
		sprintf(simtmp, "%d", 0); strcat(simvals, simtmp);		strcat(simvals, ",");
		sprintf(simtmp, "%d", 0); strcat(simvals, simtmp);		}
#endif
		
		qsend(now.s2b, 0, 1, ((int)now.in_id[ Index(((int)((P1 *)_this)->i), 4) ]), 0, 0, 4);
		_m = 2; goto P999; /* 0 */
	case 131: // STATE 79 - mqc.pml:320 - [j = i] (0:0:1 - 1)
		IfNotBlocked
		reached[1][79] = 1;
		(trpt+1)->bup.oval = ((int)((P1 *)_this)->j);
		((P1 *)_this)->j = ((int)((P1 *)_this)->i);
#ifdef VAR_RANGES
		logval("Subscriber:j", ((int)((P1 *)_this)->j));
#endif
		;
		_m = 3; goto P999; /* 0 */
	case 132: // STATE 80 - mqc.pml:322 - [(((j+1)<nin))] (87:0:4 - 1)
		IfNotBlocked
		reached[1][80] = 1;
		if (!(((((int)((P1 *)_this)->j)+1)<((int)now.nin))))
			continue;
		/* merge: in_id[j] = in_id[(j+1)](87, 81, 87) */
		reached[1][81] = 1;
		(trpt+1)->bup.ovals = grab_ints(4);
		(trpt+1)->bup.ovals[0] = ((int)now.in_id[ Index(((int)((P1 *)_this)->j), 4) ]);
		now.in_id[ Index(((P1 *)_this)->j, 4) ] = ((int)now.in_id[ Index((((int)((P1 *)_this)->j)+1), 4) ]);
#ifdef VAR_RANGES
		logval("in_id[Subscriber:j]", ((int)now.in_id[ Index(((int)((P1 *)_this)->j), 4) ]));
#endif
		;
		/* merge: in_st[j] = in_st[(j+1)](87, 82, 87) */
		reached[1][82] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.in_st[ Index(((int)((P1 *)_this)->j), 4) ]);
		now.in_st[ Index(((P1 *)_this)->j, 4) ] = ((int)now.in_st[ Index((((int)((P1 *)_this)->j)+1), 4) ]);
#ifdef VAR_RANGES
		logval("in_st[Subscriber:j]", ((int)now.in_st[ Index(((int)((P1 *)_this)->j), 4) ]));
#endif
		;
		/* merge: in_q[j] = in_q[(j+1)](87, 83, 87) */
		reached[1][83] = 1;
		(trpt+1)->bup.ovals[2] = ((int)now.in_q[ Index(((int)((P1 *)_this)->j), 4) ]);
		now.in_q[ Index(((P1 *)_this)->j, 4) ] = ((int)now.in_q[ Index((((int)((P1 *)_this)->j)+1), 4) ]);
#ifdef VAR_RANGES
		logval("in_q[Subscriber:j]", ((int)now.in_q[ Index(((int)((P1 *)_this)->j), 4) ]));
#endif
		;
		/* merge: j = (j+1)(87, 84, 87) */
		reached[1][84] = 1;
		(trpt+1)->bup.ovals[3] = ((int)((P1 *)_this)->j);
		((P1 *)_this)->j = (((int)((P1 *)_this)->j)+1);
#ifdef VAR_RANGES
		logval("Subscriber:j", ((int)((P1 *)_this)->j));
#endif
		;
		/* merge: .(goto)(0, 88, 87) */
		reached[1][88] = 1;
		;
		_m = 3; goto P999; /* 5 */
	case 133: // STATE 90 - mqc.pml:325 - [nin = (nin-1)] (0:119:1 - 3)
		IfNotBlocked
		reached[1][90] = 1;
		(trpt+1)->bup.oval = ((int)now.nin);
		now.nin = (((int)now.nin)-1);
#ifdef VAR_RANGES
		logval("nin", ((int)now.nin));
#endif
		;
		/* merge: .(goto)(0, 120, 119) */
		reached[1][120] = 1;
		;
		_m = 3; goto P999; /* 1 */
	case 134: // STATE 92 - mqc.pml:367 - [((((i<nin)&&(in_st[i]==1))&&(in_q[i]==1)))] (95:0:0 - 1)
		IfNotBlocked
		reached[1][92] = 1;
		if (!((((((int)((P1 *)_this)->i)<((int)now.nin))&&(((int)now.in_st[ Index(((int)((P1 *)_this)->i), 4) ])==1))&&(((int)now.in_q[ Index(((int)((P1 *)_this)->i), 4) ])==1))))
			continue;
		/* merge: printf('@S out PUBACK %d\\n',in_id[i])(95, 93, 95) */
		reached[1][93] = 1;
		Printf("@S out PUBACK %d\n", ((int)now.in_id[ Index(((int)((P1 *)_this)->i), 4) ]));
		/* merge: assert(nfull(s2b))(95, 94, 95) */
		reached[1][94] = 1;
		spin_assert((!q_full(now.s2b)), "(!q_full(s2b))", II, tt, t);
		_m = 3; goto P999; /* 2 */
	case 135: // STATE 95 - mqc.pml:369 - [s2b!PUBACK,in_id[i],0,0] (0:0:0 - 1)
		IfNotBlocked
		reached[1][95] = 1;
		if (q_full(now.s2b))
			continue;
#ifdef HAS_CODE
		if (readtrail && gui) {
			char simtmp[64];
			sprintf(simvals, "%d!", now.s2b);
		sprintf(simtmp, "%d", 4); strcat(simvals, simtmp);		strcat(simvals, ",");
		sprintf(simtmp, "%d", ((int)now.in_id[ Index(((int)((P1 *)_this)->i), 4) ])); strcat(simvals, simtmp);		strcat(simvals, ",");
		sprintf(simtmp, "%d", 0); strcat(simvals, simtmp);		strcat(simvals, ",");
		sprintf(simtmp, "%d", 0); strcat(simvals, simtmp);		}
#endif
		
		qsend(now.s2b, 0, 4, ((int)now.in_id[ Index(((int)((P1 *)_this)->i), 4) ]), 0, 0, 4);
		_m = 2; goto P999; /* 0 */
	case 136: // STATE 96 - mqc.pml:320 - [j = i] (0:0:1 - 1)
		IfNotBlocked
		reached[1][96] = 1;
		(trpt+1)->bup.oval = ((int)((P1 *)_this)->j);
		((P1 *)_this)->j = ((int)((P1 *)_this)->i);
#ifdef VAR_RANGES
		logval("Subscriber:j", ((int)((P1 *)_this)->j));
#endif
		;
		_m = 3; goto P999; /* 0 */
	case 137: // STATE 97 - mqc.pml:322 - [(((j+1)<nin))] (104:0:4 - 1)
		IfNotBlocked
		reached[1][97] = 1;
		if (!(((((int)((P1 *)_this)->j)+1)<((int)now.nin))))
			continue;
		/* merge: in_id[j] = in_id[(j+1)](104, 98, 104) */
		reached[1][98] = 1;
		(trpt+1)->bup.ovals = grab_ints(4);
		(trpt+1)->bup.ovals[0] = ((int)now.in_id[ Index(((int)((P1 *)_this)->j), 4) ]);
		now.in_id[ Index(((P1 *)_this)->j, 4) ] = ((int)now.in_id[ Index((((int)((P1 *)_this)->j)+1), 4) ]);
#ifdef VAR_RANGES
		logval("in_id[Subscriber:j]", ((int)now.in_id[ Index(((int)((P1 *)_this)->j), 4) ]));
#endif
		;
		/* merge: in_st[j] = in_st[(j+1)](104, 99, 104) */
		reached[1][99] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.in_st[ Index(((int)((P1 *)_this)->j), 4) ]);
		now.in_st[ Index(((P1 *)_this)->j, 4) ] = ((int)now.in_st[ Index((((int)((P1 *)_this)->j)+1), 4) ]);
#ifdef VAR_RANGES
		logval("in_st[Subscriber:j]", ((int)now.in_st[ Index(((int)((P1 *)_this)->j), 4) ]));
#endif
		;
		/* merge: in_q[j] = in_q[(j+1)](104, 100, 104) */
		reached[1][100] = 1;
		(trpt+1)->bup.ovals[2] = ((int)now.in_q[ Index(((int)((P1 *)_this)->j), 4) ]);
		now.in_q[ Index(((P1 *)_this)->j, 4) ] = ((int)now.in_q[ Index((((int)((P1 *)_this)->j)+1), 4) ]);
#ifdef VAR_RANGES
		logval("in_q[Subscriber:j]", ((int)now.in_q[ Index(((int)((P1 *)_this)->j), 4) ]));
#endif
		;
		/* merge: j = (j+1)(104, 101, 104) */
		reached[1][101] = 1;
		(trpt+1)->bup.ovals[3] = ((int)((P1 *)_this)->j);
		((P1 *)_this)->j = (((int)((P1 *)_this)->j)+1);
#ifdef VAR_RANGES
		logval("Subscriber:j", ((int)((P1 *)_this)->j));
#endif
		;
		/* merge: .(goto)(0, 105, 104) */
		reached[1][105] = 1;
		;
		_m = 3; goto P999; /* 5 */
	case 138: // STATE 107 - mqc.pml:325 - [nin = (nin-1)] (0:119:1 - 3)
		IfNotBlocked
		reached[1][107] = 1;
		(trpt+1)->bup.oval = ((int)now.nin);
		now.nin = (((int)now.nin)-1);
#ifdef VAR_RANGES
		logval("nin", ((int)now.nin));
#endif
		;
		/* merge: .(goto)(0, 120, 119) */
		reached[1][120] = 1;
		;
		_m = 3; goto P999; /* 1 */
	case 139: // STATE 109 - mqc.pml:371 - [((((i<nin)&&(in_st[i]==1))&&(in_q[i]==2)))] (112:0:0 - 1)
		IfNotBlocked
		reached[1][109] = 1;
		if (!((((((int)((P1 *)_this)->i)<((int)now.nin))&&(((int)now.in_st[ Index(((int)((P1 *)_this)->i), 4) ])==1))&&(((int)now.in_q[ Index(((int)((P1 *)_this)->i), 4) ])==2))))
			continue;
		/* merge: printf('@S out PUBREC %d\\n',in_id[i])(112, 110, 112) */
		reached[1][110] = 1;
		Printf("@S out PUBREC %d\n", ((int)now.in_id[ Index(((int)((P1 *)_this)->i), 4) ]));
		/* merge: assert(nfull(s2b))(112, 111, 112) */
		reached[1][111] = 1;
		spin_assert((!q_full(now.s2b)), "(!q_full(s2b))", II, tt, t);
		_m = 3; goto P999; /* 2 */
	case 140: // STATE 112 - mqc.pml:373 - [s2b!PUBREC,in_id[i],0,0] (119:0:2 - 1)
		IfNotBlocked
		reached[1][112] = 1;
		if (q_full(now.s2b))
			continue;
#ifdef HAS_CODE
		if (readtrail && gui) {
			char simtmp[64];
			sprintf(simvals, "%d!", now.s2b);
		sprintf(simtmp, "%d", 3); strcat(simvals, simtmp);		strcat(simvals, ",");
		sprintf(simtmp, "%d", ((int)now.in_id[ Index(((int)((P1 *)_this)->i), 4) ])); strcat(simvals, simtmp);		strcat(simvals, ",");
		sprintf(simtmp, "%d", 0); strcat(simvals, simtmp);		strcat(simvals, ",");
		sprintf(simtmp, "%d", 0); strcat(simvals, simtmp);		}
#endif
		
		qsend(now.s2b, 0, 3, ((int)now.in_id[ Index(((int)((P1 *)_this)->i), 4) ]), 0, 0, 4);
		/* merge: in_st[i] = 2(119, 113, 119) */
		reached[1][113] = 1;
		(trpt+1)->bup.ovals = grab_ints(2);
		(trpt+1)->bup.ovals[0] = ((int)now.in_st[ Index(((int)((P1 *)_this)->i), 4) ]);
		now.in_st[ Index(((P1 *)_this)->i, 4) ] = 2;
#ifdef VAR_RANGES
		logval("in_st[Subscriber:i]", ((int)now.in_st[ Index(((int)((P1 *)_this)->i), 4) ]));
#endif
		;
		/* merge: i = (i+1)(119, 114, 119) */
		reached[1][114] = 1;
		(trpt+1)->bup.ovals[1] = ((int)((P1 *)_this)->i);
		((P1 *)_this)->i = (((int)((P1 *)_this)->i)+1);
#ifdef VAR_RANGES
		logval("Subscriber:i", ((int)((P1 *)_this)->i));
#endif
		;
		/* merge: .(goto)(0, 120, 119) */
		reached[1][120] = 1;
		;
		_m = 2; goto P999; /* 3 */
	case 141: // STATE 115 - mqc.pml:379 - [((((i<nin)&&(in_st[i]!=3))&&(in_st[i]!=1)))] (119:0:1 - 1)
		IfNotBlocked
		reached[1][115] = 1;
		if (!((((((int)((P1 *)_this)->i)<((int)now.nin))&&(((int)now.in_st[ Index(((int)((P1 *)_this)->i), 4) ])!=3))&&(((int)now.in_st[ Index(((int)((P1 *)_this)->i), 4) ])!=1))))
			continue;
		/* merge: i = (i+1)(0, 116, 119) */
		reached[1][116] = 1;
		(trpt+1)->bup.oval = ((int)((P1 *)_this)->i);
		((P1 *)_this)->i = (((int)((P1 *)_this)->i)+1);
#ifdef VAR_RANGES
		logval("Subscriber:i", ((int)((P1 *)_this)->i));
#endif
		;
		/* merge: .(goto)(0, 120, 119) */
		reached[1][120] = 1;
		;
		_m = 3; goto P999; /* 2 */
	case 142: // STATE 122 - mqc.pml:382 - [printf('@S fill\\n')] (0:0:0 - 1)
		IfNotBlocked
		reached[1][122] = 1;
		Printf("@S fill\n");
		_m = 3; goto P999; /* 0 */
	case 143: // STATE 125 - mqc.pml:460 - [b2s?t,id,m,d] (0:0:4 - 1)
		reached[1][125] = 1;
		if (q_len(now.b2s) == 0) continue;

		XX=1;
		(trpt+1)->bup.ovals = grab_ints(4);
		(trpt+1)->bup.ovals[0] = ((P1 *)_this)->t;
		(trpt+1)->bup.ovals[1] = ((int)((P1 *)_this)->id);
		(trpt+1)->bup.ovals[2] = ((int)((P1 *)_this)->m);
		(trpt+1)->bup.ovals[3] = ((int)((P1 *)_this)->d);
		;
		((P1 *)_this)->t = qrecv(now.b2s, XX-1, 0, 0);
#ifdef VAR_RANGES
		logval("Subscriber:t", ((P1 *)_this)->t);
#endif
		;
		((P1 *)_this)->id = qrecv(now.b2s, XX-1, 1, 0);
#ifdef VAR_RANGES
		logval("Subscriber:id", ((int)((P1 *)_this)->id));
#endif
		;
		((P1 *)_this)->m = qrecv(now.b2s, XX-1, 2, 0);
#ifdef VAR_RANGES
		logval("Subscriber:m", ((int)((P1 *)_this)->m));
#endif
		;
		((P1 *)_this)->d = qrecv(now.b2s, XX-1, 3, 1);
#ifdef VAR_RANGES
		logval("Subscriber:d", ((int)((P1 *)_this)->d));
#endif
		;
		
#ifdef HAS_CODE
		if (readtrail && gui) {
			char simtmp[32];
			sprintf(simvals, "%d?", now.b2s);
		sprintf(simtmp, "%d", ((P1 *)_this)->t); strcat(simvals, simtmp);		strcat(simvals, ",");
		sprintf(simtmp, "%d", ((int)((P1 *)_this)->id)); strcat(simvals, simtmp);		strcat(simvals, ",");
		sprintf(simtmp, "%d", ((int)((P1 *)_this)->m)); strcat(simvals, simtmp);		strcat(simvals, ",");
		sprintf(simtmp, "%d", ((int)((P1 *)_this)->d)); strcat(simvals, simtmp);		}
#endif
		;
		_m = 4; goto P999; /* 0 */
	case 144: // STATE 126 - mqc.pml:461 - [((t==PUBLISH))] (0:0:1 - 1)
		IfNotBlocked
		reached[1][126] = 1;
		if (!((((P1 *)_this)->t==5)))
			continue;
		if (TstOnly) return 1; /* TT */
		/* dead 1: t */  (trpt+1)->bup.oval = ((P1 *)_this)->t;
#ifdef HAS_CODE
		if (!readtrail)
#endif
			((P1 *)_this)->t = 0;
		_m = 3; goto P999; /* 0 */
	case 145: // STATE 127 - mqc.pml:329 - [printf('@S in PUBLISH %d %d %d %d\\n',2,id,m,d)] (0:0:0 - 1)
		IfNotBlocked
		reached[1][127] = 1;
		Printf("@S in PUBLISH %d %d %d %d\n", 2, ((int)((P1 *)_this)->id), ((int)((P1 *)_this)->m), ((int)((P1 *)_this)->d));
		_m = 3; goto P999; /* 0 */
	case 146: // STATE 128 - mqc.pml:312 - [i = 0] (0:0:1 - 1)
		IfNotBlocked
		reached[1][128] = 1;
		(trpt+1)->bup.oval = ((int)((P1 *)_this)->i);
		((P1 *)_this)->i = 0;
#ifdef VAR_RANGES
		logval("Subscriber:i", ((int)((P1 *)_this)->i));
#endif
		;
		_m = 3; goto P999; /* 0 */
	case 147: // STATE 129 - mqc.pml:314 - [(((i<nin)&&(in_id[i]!=id)))] (133:0:1 - 1)
		IfNotBlocked
		reached[1][129] = 1;
		if (!(((((int)((P1 *)_this)->i)<((int)now.nin))&&(((int)now.in_id[ Index(((int)((P1 *)_this)->i), 4) ])!=((int)((P1 *)_this)->id)))))
			continue;
		/* merge: i = (i+1)(0, 130, 133) */
		reached[1][130] = 1;
		(trpt+1)->bup.oval = ((int)((P1 *)_this)->i);
		((P1 *)_this)->i = (((int)((P1 *)_this)->i)+1);
#ifdef VAR_RANGES
		logval("Subscriber:i", ((int)((P1 *)_this)->i));
#endif
		;
		/* merge: .(goto)(0, 134, 133) */
		reached[1][134] = 1;
		;
		_m = 3; goto P999; /* 2 */
	case 148: // STATE 137 - mqc.pml:332 - [((i<nin))] (0:0:0 - 1)
		IfNotBlocked
		reached[1][137] = 1;
		if (!((((int)((P1 *)_this)->i)<((int)now.nin))))
			continue;
		_m = 3; goto P999; /* 0 */
	case 149: // STATE 138 - mqc.pml:334 - [((in_st[i]==2))] (238:0:1 - 1)
		IfNotBlocked
		reached[1][138] = 1;
		if (!((((int)now.in_st[ Index(((int)((P1 *)_this)->i), 4) ])==2)))
			continue;
		/* merge: in_st[i] = 1(238, 139, 238) */
		reached[1][139] = 1;
		(trpt+1)->bup.oval = ((int)now.in_st[ Index(((int)((P1 *)_this)->i), 4) ]);
		now.in_st[ Index(((P1 *)_this)->i, 4) ] = 1;
#ifdef VAR_RANGES
		logval("in_st[Subscriber:i]", ((int)now.in_st[ Index(((int)((P1 *)_this)->i), 4) ]));
#endif
		;
		/* merge: .(goto)(238, 142, 238) */
		reached[1][142] = 1;
		;
		/* merge: .(goto)(238, 166, 238) */
		reached[1][166] = 1;
		;
		/* merge: .(goto)(238, 193, 238) */
		reached[1][193] = 1;
		;
		/* merge: .(goto)(0, 239, 238) */
		reached[1][239] = 1;
		;
		_m = 3; goto P999; /* 5 */
	case 150: // STATE 166 - mqc.pml:343 - [.(goto)] (0:238:0 - 6)
		IfNotBlocked
		reached[1][166] = 1;
		;
		/* merge: .(goto)(238, 193, 238) */
		reached[1][193] = 1;
		;
		/* merge: .(goto)(0, 239, 238) */
		reached[1][239] = 1;
		;
		_m = 3; goto P999; /* 2 */
	case 151: // STATE 144 - mqc.pml:336 - [assert((nin<(2+2)))] (0:158:4 - 1)
		IfNotBlocked
		reached[1][144] = 1;
		spin_assert((((int)now.nin)<(2+2)), "(nin<(2+2))", II, tt, t);
		/* merge: in_id[nin] = id(158, 145, 158) */
		reached[1][145] = 1;
		(trpt+1)->bup.ovals = grab_ints(4);
		(trpt+1)->bup.ovals[0] = ((int)now.in_id[ Index(((int)now.nin), 4) ]);
		now.in_id[ Index(now.nin, 4) ] = ((int)((P1 *)_this)->id);
#ifdef VAR_RANGES
		logval("in_id[nin]", ((int)now.in_id[ Index(((int)now.nin), 4) ]));
#endif
		;
		/* merge: in_q[nin] = 2(158, 146, 158) */
		reached[1][146] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.in_q[ Index(((int)now.nin), 4) ]);
		now.in_q[ Index(now.nin, 4) ] = 2;
#ifdef VAR_RANGES
		logval("in_q[nin]", ((int)now.in_q[ Index(((int)now.nin), 4) ]));
#endif
		;
		/* merge: in_st[nin] = 0(158, 147, 158) */
		reached[1][147] = 1;
		(trpt+1)->bup.ovals[2] = ((int)now.in_st[ Index(((int)now.nin), 4) ]);
		now.in_st[ Index(now.nin, 4) ] = 0;
#ifdef VAR_RANGES
		logval("in_st[nin]", ((int)now.in_st[ Index(((int)now.nin), 4) ]));
#endif
		;
		/* merge: nin = (nin+1)(158, 148, 158) */
		reached[1][148] = 1;
		(trpt+1)->bup.ovals[3] = ((int)now.nin);
		now.nin = (((int)now.nin)+1);
#ifdef VAR_RANGES
		logval("nin", ((int)now.nin));
#endif
		;
		_m = 3; goto P999; /* 4 */
	case 152: // STATE 149 - mqc.pml:139 - [printf('@S deliver %d\\n',m)] (0:154:0 - 1)
		IfNotBlocked
		reached[1][149] = 1;
		Printf("@S deliver %d\n", ((int)((P1 *)_this)->m));
		/* merge: assert((delivered[m]==0))(154, 150, 154) */
		reached[1][150] = 1;
		spin_assert((((int)now.delivered[ Index(((int)((P1 *)_this)->m), 2) ])==0), "(delivered[m]==0)", II, tt, t);
		_m = 3; goto P999; /* 1 */
	case 153: // STATE 151 - mqc.pml:143 - [((delivered[m]==0))] (163:0:4 - 1)
		IfNotBlocked
		reached[1][151] = 1;
		if (!((((int)now.delivered[ Index(((int)((P1 *)_this)->m), 2) ])==0)))
			continue;
		/* merge: ndistinct = (ndistinct+1)(163, 152, 163) */
		reached[1][152] = 1;
		(trpt+1)->bup.ovals = grab_ints(4);
		(trpt+1)->bup.ovals[0] = ((int)now.ndistinct);
		now.ndistinct = (((int)now.ndistinct)+1);
#ifdef VAR_RANGES
		logval("ndistinct", ((int)now.ndistinct));
#endif
		;
		/* merge: .(goto)(163, 155, 163) */
		reached[1][155] = 1;
		;
		/* merge: delivered[m] = (delivered[m]+1)(163, 156, 163) */
		reached[1][156] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.delivered[ Index(((int)((P1 *)_this)->m), 2) ]);
		now.delivered[ Index(((P1 *)_this)->m, 2) ] = (((int)now.delivered[ Index(((int)((P1 *)_this)->m), 2) ])+1);
#ifdef VAR_RANGES
		logval("delivered[Subscriber:m]", ((int)now.delivered[ Index(((int)((P1 *)_this)->m), 2) ]));
#endif
		;
		/* merge: sv.del[m] = delivered[m](163, 157, 163) */
		reached[1][157] = 1;
		(trpt+1)->bup.ovals[2] = ((int)now.sv.del[ Index(((int)((P1 *)_this)->m), 2) ]);
		now.sv.del[ Index(((P1 *)_this)->m, 2) ] = ((int)now.delivered[ Index(((int)((P1 *)_this)->m), 2) ]);
#ifdef VAR_RANGES
		logval("sv.del[Subscriber:m]", ((int)now.sv.del[ Index(((int)((P1 *)_this)->m), 2) ]));
#endif
		;
		/* merge: in_st[i] = 1(163, 159, 163) */
		reached[1][159] = 1;
		(trpt+1)->bup.ovals[3] = ((int)now.in_st[ Index(((int)((P1 *)_this)->i), 4) ]);
		now.in_st[ Index(((P1 *)_this)->i, 4) ] = 1;
#ifdef VAR_RANGES
		logval("in_st[Subscriber:i]", ((int)now.in_st[ Index(((int)((P1 *)_this)->i), 4) ]));
#endif
		;
		_m = 3; goto P999; /* 5 */
	case 154: // STATE 156 - mqc.pml:144 - [delivered[m] = (delivered[m]+1)] (0:163:3 - 3)
		IfNotBlocked
		reached[1][156] = 1;
		(trpt+1)->bup.ovals = grab_ints(3);
		(trpt+1)->bup.ovals[0] = ((int)now.delivered[ Index(((int)((P1 *)_this)->m), 2) ]);
		now.delivered[ Index(((P1 *)_this)->m, 2) ] = (((int)now.delivered[ Index(((int)((P1 *)_this)->m), 2) ])+1);
#ifdef VAR_RANGES
		logval("delivered[Subscriber:m]", ((int)now.delivered[ Index(((int)((P1 *)_this)->m), 2) ]));
#endif
		;
		/* merge: sv.del[m] = delivered[m](163, 157, 163) */
		reached[1][157] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.sv.del[ Index(((int)((P1 *)_this)->m), 2) ]);
		now.sv.del[ Index(((P1 *)_this)->m, 2) ] = ((int)now.delivered[ Index(((int)((P1 *)_this)->m), 2) ]);
#ifdef VAR_RANGES
		logval("sv.del[Subscriber:m]", ((int)now.sv.del[ Index(((int)((P1 *)_this)->m), 2) ]));
#endif
		;
		/* merge: in_st[i] = 1(163, 159, 163) */
		reached[1][159] = 1;
		(trpt+1)->bup.ovals[2] = ((int)now.in_st[ Index(((int)((P1 *)_this)->i), 4) ]);
		now.in_st[ Index(((P1 *)_this)->i, 4) ] = 1;
#ifdef VAR_RANGES
		logval("in_st[Subscriber:i]", ((int)now.in_st[ Index(((int)((P1 *)_this)->i), 4) ]));
#endif
		;
		_m = 3; goto P999; /* 2 */
	case 155: // STATE 160 - mqc.pml:341 - [((2==2))] (238:0:1 - 1)
		IfNotBlocked
		reached[1][160] = 1;
		if (!((2==2)))
			continue;
		/* merge: sv.held[id] = 1(238, 161, 238) */
		reached[1][161] = 1;
		(trpt+1)->bup.oval = ((int)now.sv.held[ Index(((int)((P1 *)_this)->id), 4) ]);
		now.sv.held[ Index(((P1 *)_this)->id, 4) ] = 1;
#ifdef VAR_RANGES
		logval("sv.held[Subscriber:id]", ((int)now.sv.held[ Index(((int)((P1 *)_this)->id), 4) ]));
#endif
		;
		/* merge: .(goto)(238, 164, 238) */
		reached[1][164] = 1;
		;
		/* merge: .(goto)(238, 166, 238) */
		reached[1][166] = 1;
		;
		/* merge: .(goto)(238, 193, 238) */
		reached[1][193] = 1;
		;
		/* merge: .(goto)(0, 239, 238) */
		reached[1][239] = 1;
		;
		_m = 3; goto P999; /* 5 */
	case 156: // STATE 193 - mqc.pml:461 - [.(goto)] (0:238:0 - 2)
		IfNotBlocked
		reached[1][193] = 1;
		;
		/* merge: .(goto)(0, 239, 238) */
		reached[1][239] = 1;
		;
		_m = 3; goto P999; /* 1 */
	case 157: // STATE 169 - mqc.pml:346 - [printf('@S in PUBREL %d\\n',id)] (0:0:0 - 1)
		IfNotBlocked
		reached[1][169] = 1;
		Printf("@S in PUBREL %d\n", ((int)((P1 *)_this)->id));
		_m = 3; goto P999; /* 0 */
	case 158: // STATE 170 - mqc.pml:312 - [i = 0] (0:0:1 - 1)
		IfNotBlocked
		reached[1][170] = 1;
		(trpt+1)->bup.oval = ((int)((P1 *)_this)->i);
		((P1 *)_this)->i = 0;
#ifdef VAR_RANGES
		logval("Subscriber:i", ((int)((P1 *)_this)->i));
#endif
		;
		_m = 3; goto P999; /* 0 */
	case 159: // STATE 171 - mqc.pml:314 - [(((i<nin)&&(in_id[i]!=id)))] (175:0:1 - 1)
		IfNotBlocked
		reached[1][171] = 1;
		if (!(((((int)((P1 *)_this)->i)<((int)now.nin))&&(((int)now.in_id[ Index(((int)((P1 *)_this)->i), 4) ])!=((int)((P1 *)_this)->id)))))
			continue;
		/* merge: i = (i+1)(0, 172, 175) */
		reached[1][172] = 1;
		(trpt+1)->bup.oval = ((int)((P1 *)_this)->i);
		((P1 *)_this)->i = (((int)((P1 *)_this)->i)+1);
#ifdef VAR_RANGES
		logval("Subscriber:i", ((int)((P1 *)_this)->i));
#endif
		;
		/* merge: .(goto)(0, 176, 175) */
		reached[1][176] = 1;
		;
		_m = 3; goto P999; /* 2 */
	case 160: // STATE 179 - mqc.pml:349 - [((i==nin))] (238:0:5 - 1)
		IfNotBlocked
		reached[1][179] = 1;
		if (!((((int)((P1 *)_this)->i)==((int)now.nin))))
			continue;
		if (TstOnly) return 1; /* TT */
		/* dead 1: i */  (trpt+1)->bup.ovals = grab_ints(5);
		(trpt+1)->bup.ovals[0] = ((P1 *)_this)->i;
#ifdef HAS_CODE
		if (!readtrail)
#endif
			((P1 *)_this)->i = 0;
		/* merge: assert((nin<(2+2)))(238, 180, 238) */
		reached[1][180] = 1;
		spin_assert((((int)now.nin)<(2+2)), "(nin<(2+2))", II, tt, t);
		/* merge: in_id[nin] = id(238, 181, 238) */
		reached[1][181] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.in_id[ Index(((int)now.nin), 4) ]);
		now.in_id[ Index(now.nin, 4) ] = ((int)((P1 *)_this)->id);
#ifdef VAR_RANGES
		logval("in_id[nin]", ((int)now.in_id[ Index(((int)now.nin), 4) ]));
#endif
		;
		/* merge: in_q[nin] = 2(238, 182, 238) */
		reached[1][182] = 1;
		(trpt+1)->bup.ovals[2] = ((int)now.in_q[ Index(((int)now.nin), 4) ]);
		now.in_q[ Index(now.nin, 4) ] = 2;
#ifdef VAR_RANGES
		logval("in_q[nin]", ((int)now.in_q[ Index(((int)now.nin), 4) ]));
#endif
		;
		/* merge: in_st[nin] = 3(238, 183, 238) */
		reached[1][183] = 1;
		(trpt+1)->bup.ovals[3] = ((int)now.in_st[ Index(((int)now.nin), 4) ]);
		now.in_st[ Index(now.nin, 4) ] = 3;
#ifdef VAR_RANGES
		logval("in_st[nin]", ((int)now.in_st[ Index(((int)now.nin), 4) ]));
#endif
		;
		/* merge: nin = (nin+1)(238, 184, 238) */
		reached[1][184] = 1;
		(trpt+1)->bup.ovals[4] = ((int)now.nin);
		now.nin = (((int)now.nin)+1);
#ifdef VAR_RANGES
		logval("nin", ((int)now.nin));
#endif
		;
		/* merge: .(goto)(238, 190, 238) */
		reached[1][190] = 1;
		;
		/* merge: .(goto)(238, 193, 238) */
		reached[1][193] = 1;
		;
		/* merge: .(goto)(0, 239, 238) */
		reached[1][239] = 1;
		;
		_m = 3; goto P999; /* 8 */
	case 161: // STATE 190 - mqc.pml:357 - [.(goto)] (0:238:0 - 2)
		IfNotBlocked
		reached[1][190] = 1;
		;
		/* merge: .(goto)(238, 193, 238) */
		reached[1][193] = 1;
		;
		/* merge: .(goto)(0, 239, 238) */
		reached[1][239] = 1;
		;
		_m = 3; goto P999; /* 2 */
	case 162: // STATE 186 - mqc.pml:353 - [assert((in_st[i]!=0))] (0:238:2 - 1)
		IfNotBlocked
		reached[1][186] = 1;
		spin_assert((((int)now.in_st[ Index(((int)((P1 *)_this)->i), 4) ])!=0), "(in_st[i]!=0)", II, tt, t);
		/* merge: in_st[i] = 3(238, 187, 238) */
		reached[1][187] = 1;
		(trpt+1)->bup.ovals = grab_ints(2);
		(trpt+1)->bup.ovals[0] = ((int)now.in_st[ Index(((int)((P1 *)_this)->i), 4) ]);
		now.in_st[ Index(((P1 *)_this)->i, 4) ] = 3;
#ifdef VAR_RANGES
		logval("in_st[Subscriber:i]", ((int)now.in_st[ Index(((int)((P1 *)_this)->i), 4) ]));
#endif
		;
		/* merge: sv.held[id] = 0(238, 188, 238) */
		reached[1][188] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.sv.held[ Index(((int)((P1 *)_this)->id), 4) ]);
		now.sv.held[ Index(((P1 *)_this)->id, 4) ] = 0;
#ifdef VAR_RANGES
		logval("sv.held[Subscriber:id]", ((int)now.sv.held[ Index(((int)((P1 *)_this)->id), 4) ]));
#endif
		;
		/* merge: .(goto)(238, 190, 238) */
		reached[1][190] = 1;
		;
		/* merge: .(goto)(238, 193, 238) */
		reached[1][193] = 1;
		;
		/* merge: .(goto)(0, 239, 238) */
		reached[1][239] = 1;
		;
		_m = 3; goto P999; /* 5 */
	case 163: // STATE 195 - mqc.pml:463 - [((0!=1))] (0:0:0 - 1)
		IfNotBlocked
		reached[1][195] = 1;
		if (!((0!=1)))
			continue;
		_m = 3; goto P999; /* 0 */
	case 164: // STATE 196 - mqc.pml:130 - [i = 0] (0:0:1 - 1)
		IfNotBlocked
		reached[1][196] = 1;
		(trpt+1)->bup.oval = ((int)((P1 *)_this)->i);
		((P1 *)_this)->i = 0;
#ifdef VAR_RANGES
		logval("Subscriber:i", ((int)((P1 *)_this)->i));
#endif
		;
		_m = 3; goto P999; /* 0 */
	case 165: // STATE 197 - mqc.pml:130 - [((i<=(2+1)))] (202:0:2 - 1)
		IfNotBlocked
		reached[1][197] = 1;
		if (!((((int)((P1 *)_this)->i)<=(2+1))))
			continue;
		/* merge: sd.held[i] = sv.held[i](202, 198, 202) */
		reached[1][198] = 1;
		(trpt+1)->bup.ovals = grab_ints(2);
		(trpt+1)->bup.ovals[0] = ((int)now.sd.held[ Index(((int)((P1 *)_this)->i), 4) ]);
		now.sd.held[ Index(((P1 *)_this)->i, 4) ] = ((int)now.sv.held[ Index(((int)((P1 *)_this)->i), 4) ]);
#ifdef VAR_RANGES
		logval("sd.held[Subscriber:i]", ((int)now.sd.held[ Index(((int)((P1 *)_this)->i), 4) ]));
#endif
		;
		/* merge: i = (i+1)(202, 199, 202) */
		reached[1][199] = 1;
		(trpt+1)->bup.ovals[1] = ((int)((P1 *)_this)->i);
		((P1 *)_this)->i = (((int)((P1 *)_this)->i)+1);
#ifdef VAR_RANGES
		logval("Subscriber:i", ((int)((P1 *)_this)->i));
#endif
		;
		/* merge: .(goto)(0, 203, 202) */
		reached[1][203] = 1;
		;
		_m = 3; goto P999; /* 3 */
	case 166: // STATE 205 - mqc.pml:130 - [i = 0] (0:211:1 - 3)
		IfNotBlocked
		reached[1][205] = 1;
		(trpt+1)->bup.oval = ((int)((P1 *)_this)->i);
		((P1 *)_this)->i = 0;
#ifdef VAR_RANGES
		logval("Subscriber:i", ((int)((P1 *)_this)->i));
#endif
		;
		/* merge: .(goto)(0, 212, 211) */
		reached[1][212] = 1;
		;
		_m = 3; goto P999; /* 1 */
	case 167: // STATE 206 - mqc.pml:130 - [((i<2))] (211:0:2 - 1)
		IfNotBlocked
		reached[1][206] = 1;
		if (!((((int)((P1 *)_this)->i)<2)))
			continue;
		/* merge: sd.del[i] = sv.del[i](211, 207, 211) */
		reached[1][207] = 1;
		(trpt+1)->bup.ovals = grab_ints(2);
		(trpt+1)->bup.ovals[0] = ((int)now.sd.del[ Index(((int)((P1 *)_this)->i), 2) ]);
		now.sd.del[ Index(((P1 *)_this)->i, 2) ] = ((int)now.sv.del[ Index(((int)((P1 *)_this)->i), 2) ]);
#ifdef VAR_RANGES
		logval("sd.del[Subscriber:i]", ((int)now.sd.del[ Index(((int)((P1 *)_this)->i), 2) ]));
#endif
		;
		/* merge: i = (i+1)(211, 208, 211) */
		reached[1][208] = 1;
		(trpt+1)->bup.ovals[1] = ((int)((P1 *)_this)->i);
		((P1 *)_this)->i = (((int)((P1 *)_this)->i)+1);
#ifdef VAR_RANGES
		logval("Subscriber:i", ((int)((P1 *)_this)->i));
#endif
		;
		/* merge: .(goto)(0, 212, 211) */
		reached[1][212] = 1;
		;
		_m = 3; goto P999; /* 3 */
	case 168: // STATE 214 - mqc.pml:130 - [((0!=2))] (221:0:1 - 1)
		IfNotBlocked
		reached[1][214] = 1;
		if (!((0!=2)))
			continue;
		/* merge: i = 0(0, 215, 221) */
		reached[1][215] = 1;
		(trpt+1)->bup.oval = ((int)((P1 *)_this)->i);
		((P1 *)_this)->i = 0;
#ifdef VAR_RANGES
		logval("Subscriber:i", ((int)((P1 *)_this)->i));
#endif
		;
		/* merge: .(goto)(0, 222, 221) */
		reached[1][222] = 1;
		;
		_m = 3; goto P999; /* 2 */
	case 169: // STATE 216 - mqc.pml:130 - [((i<=(2+1)))] (221:0:2 - 1)
		IfNotBlocked
		reached[1][216] = 1;
		if (!((((int)((P1 *)_this)->i)<=(2+1))))
			continue;
		/* merge: sf.held[i] = sd.held[i](221, 217, 221) */
		reached[1][217] = 1;
		(trpt+1)->bup.ovals = grab_ints(2);
		(trpt+1)->bup.ovals[0] = ((int)now.sf.held[ Index(((int)((P1 *)_this)->i), 4) ]);
		now.sf.held[ Index(((P1 *)_this)->i, 4) ] = ((int)now.sd.held[ Index(((int)((P1 *)_this)->i), 4) ]);
#ifdef VAR_RANGES
		logval("sf.held[Subscriber:i]", ((int)now.sf.held[ Index(((int)((P1 *)_this)->i), 4) ]));
#endif
		;
		/* merge: i = (i+1)(221, 218, 221) */
		reached[1][218] = 1;
		(trpt+1)->bup.ovals[1] = ((int)((P1 *)_this)->i);
		((P1 *)_this)->i = (((int)((P1 *)_this)->i)+1);
#ifdef VAR_RANGES
		logval("Subscriber:i", ((int)((P1 *)_this)->i));
#endif
		;
		/* merge: .(goto)(0, 222, 221) */
		reached[1][222] = 1;
		;
		_m = 3; goto P999; /* 3 */
	case 170: // STATE 224 - mqc.pml:130 - [i = 0] (0:230:1 - 3)
		IfNotBlocked
		reached[1][224] = 1;
		(trpt+1)->bup.oval = ((int)((P1 *)_this)->i);
		((P1 *)_this)->i = 0;
#ifdef VAR_RANGES
		logval("Subscriber:i", ((int)((P1 *)_this)->i));
#endif
		;
		/* merge: .(goto)(0, 231, 230) */
		reached[1][231] = 1;
		;
		_m = 3; goto P999; /* 1 */
	case 171: // STATE 225 - mqc.pml:130 - [((i<2))] (230:0:2 - 1)
		IfNotBlocked
		reached[1][225] = 1;
		if (!((((int)((P1 *)_this)->i)<2)))
			continue;
		/* merge: sf.del[i] = sd.del[i](230, 226, 230) */
		reached[1][226] = 1;
		(trpt+1)->bup.ovals = grab_ints(2);
		(trpt+1)->bup.ovals[0] = ((int)now.sf.del[ Index(((int)((P1 *)_this)->i), 2) ]);
		now.sf.del[ Index(((P1 *)_this)->i, 2) ] = ((int)now.sd.del[ Index(((int)((P1 *)_this)->i), 2) ]);
#ifdef VAR_RANGES
		logval("sf.del[Subscriber:i]", ((int)now.sf.del[ Index(((int)((P1 *)_this)->i), 2) ]));
#endif
		;
		/* merge: i = (i+1)(230, 227, 230) */
		reached[1][227] = 1;
		(trpt+1)->bup.ovals[1] = ((int)((P1 *)_this)->i);
		((P1 *)_this)->i = (((int)((P1 *)_this)->i)+1);
#ifdef VAR_RANGES
		logval("Subscriber:i", ((int)((P1 *)_this)->i));
#endif
		;
		/* merge: .(goto)(0, 231, 230) */
		reached[1][231] = 1;
		;
		_m = 3; goto P999; /* 3 */
	case 172: // STATE 241 - mqc.pml:466 - [-end-] (0:0:0 - 1)
		IfNotBlocked
		reached[1][241] = 1;
		if (!delproc(1, II)) continue;
		_m = 3; goto P999; /* 0 */

		 /* PROC Publisher */
	case 173: // STATE 1 - mqc.pml:427 - [((acc<2))] (0:0:0 - 1)
		IfNotBlocked
		reached[0][1] = 1;
		if (!((((int)now.acc)<2)))
			continue;
		_m = 3; goto P999; /* 0 */
	case 174: // STATE 2 - mqc.pml:202 - [(((acc-qhd)<(1+((pup&&(acc==qhd))&&(nwin<2)))))] (36:0:3 - 1)
		IfNotBlocked
		reached[0][2] = 1;
		if (!(((((int)now.acc)-((int)now.qhd))<(1+((((int)now.pup)&&(((int)now.acc)==((int)now.qhd)))&&(((int)now.nwin)<2))))))
			continue;
		/* merge: printf('@P pub %d\\n',acc)(36, 3, 36) */
		reached[0][3] = 1;
		Printf("@P pub %d\n", ((int)now.acc));
		/* merge: pv.rec[acc] = 1(36, 4, 36) */
		reached[0][4] = 1;
		(trpt+1)->bup.ovals = grab_ints(3);
		(trpt+1)->bup.ovals[0] = ((int)now.pv.rec[ Index(((int)now.acc), 2) ]);
		now.pv.rec[ Index(now.acc, 2) ] = 1;
#ifdef VAR_RANGES
		logval("pv.rec[acc]", ((int)now.pv.rec[ Index(((int)now.acc), 2) ]));
#endif
		;
		/* merge: pv.note = (acc+1)(36, 5, 36) */
		reached[0][5] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.pv.note);
		now.pv.note = (((int)now.acc)+1);
#ifdef VAR_RANGES
		logval("pv.note", ((int)now.pv.note));
#endif
		;
		/* merge: acc = (acc+1)(36, 6, 36) */
		reached[0][6] = 1;
		(trpt+1)->bup.ovals[2] = ((int)now.acc);
		now.acc = (((int)now.acc)+1);
#ifdef VAR_RANGES
		logval("acc", ((int)now.acc));
#endif
		;
		_m = 3; goto P999; /* 4 */
	case 175: // STATE 7 - mqc.pml:207 - [((0==1))] (0:0:0 - 1)
		IfNotBlocked
		reached[0][7] = 1;
		if (!((0==1)))
			continue;
		_m = 3; goto P999; /* 0 */
	case 176: // STATE 8 - mqc.pml:129 - [i = 0] (0:0:1 - 1)
		IfNotBlocked
		reached[0][8] = 1;
		(trpt+1)->bup.oval = ((int)((P0 *)_this)->i);
		((P0 *)_this)->i = 0;
#ifdef VAR_RANGES
		logval("Publisher:i", ((int)((P0 *)_this)->i));
#endif
		;
		_m = 3; goto P999; /* 0 */
	case 177: // STATE 9 - mqc.pml:129 - [((i<2))] (15:0:3 - 1)
		IfNotBlocked
		reached[0][9] = 1;
		if (!((((int)((P0 *)_this)->i)<2)))
			continue;
		/* merge: pd.rec[i] = pv.rec[i](15, 10, 15) */
		reached[0][10] = 1;
		(trpt+1)->bup.ovals = grab_ints(3);
		(trpt+1)->bup.ovals[0] = ((int)now.pd.rec[ Index(((int)((P0 *)_this)->i), 2) ]);
		now.pd.rec[ Index(((P0 *)_this)->i, 2) ] = ((int)now.pv.rec[ Index(((int)((P0 *)_this)->i), 2) ]);
#ifdef VAR_RANGES
		logval("pd.rec[Publisher:i]", ((int)now.pd.rec[ Index(((int)((P0 *)_this)->i), 2) ]));
#endif
		;
		/* merge: pd.id[i] = pv.id[i](15, 11, 15) */
		reached[0][11] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.pd.id[ Index(((int)((P0 *)_this)->i), 2) ]);
		now.pd.id[ Index(((P0 *)_this)->i, 2) ] = ((int)now.pv.id[ Index(((int)((P0 *)_this)->i), 2) ]);
#ifdef VAR_RANGES
		logval("pd.id[Publisher:i]", ((int)now.pd.id[ Index(((int)((P0 *)_this)->i), 2) ]));
#endif
		;
		/* merge: i = (i+1)(15, 12, 15) */
		reached[0][12] = 1;
		(trpt+1)->bup.ovals[2] = ((int)((P0 *)_this)->i);
		((P0 *)_this)->i = (((int)((P0 *)_this)->i)+1);
#ifdef VAR_RANGES
		logval("Publisher:i", ((int)((P0 *)_this)->i));
#endif
		;
		/* merge: .(goto)(0, 16, 15) */
		reached[0][16] = 1;
		;
		_m = 3; goto P999; /* 4 */
	case 178: // STATE 18 - mqc.pml:129 - [pd.note = pv.note] (0:32:1 - 3)
		IfNotBlocked
		reached[0][18] = 1;
		(trpt+1)->bup.oval = ((int)now.pd.note);
		now.pd.note = ((int)now.pv.note);
#ifdef VAR_RANGES
		logval("pd.note", ((int)now.pd.note));
#endif
		;
		_m = 3; goto P999; /* 0 */
	case 179: // STATE 19 - mqc.pml:129 - [((0!=2))] (27:0:1 - 1)
		IfNotBlocked
		reached[0][19] = 1;
		if (!((0!=2)))
			continue;
		/* merge: i = 0(0, 20, 27) */
		reached[0][20] = 1;
		(trpt+1)->bup.oval = ((int)((P0 *)_this)->i);
		((P0 *)_this)->i = 0;
#ifdef VAR_RANGES
		logval("Publisher:i", ((int)((P0 *)_this)->i));
#endif
		;
		/* merge: .(goto)(0, 28, 27) */
		reached[0][28] = 1;
		;
		_m = 3; goto P999; /* 2 */
	case 180: // STATE 21 - mqc.pml:129 - [((i<2))] (27:0:3 - 1)
		IfNotBlocked
		reached[0][21] = 1;
		if (!((((int)((P0 *)_this)->i)<2)))
			continue;
		/* merge: pf.rec[i] = pd.rec[i](27, 22, 27) */
		reached[0][22] = 1;
		(trpt+1)->bup.ovals = grab_ints(3);
		(trpt+1)->bup.ovals[0] = ((int)now.pf.rec[ Index(((int)((P0 *)_this)->i), 2) ]);
		now.pf.rec[ Index(((P0 *)_this)->i, 2) ] = ((int)now.pd.rec[ Index(((int)((P0 *)_this)->i), 2) ]);
#ifdef VAR_RANGES
		logval("pf.rec[Publisher:i]", ((int)now.pf.rec[ Index(((int)((P0 *)_this)->i), 2) ]));
#endif
		;
		/* merge: pf.id[i] = pd.id[i](27, 23, 27) */
		reached[0][23] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.pf.id[ Index(((int)((P0 *)_this)->i), 2) ]);
		now.pf.id[ Index(((P0 *)_this)->i, 2) ] = ((int)now.pd.id[ Index(((int)((P0 *)_this)->i), 2) ]);
#ifdef VAR_RANGES
		logval("pf.id[Publisher:i]", ((int)now.pf.id[ Index(((int)((P0 *)_this)->i), 2) ]));
#endif
		;
		/* merge: i = (i+1)(27, 24, 27) */
		reached[0][24] = 1;
		(trpt+1)->bup.ovals[2] = ((int)((P0 *)_this)->i);
		((P0 *)_this)->i = (((int)((P0 *)_this)->i)+1);
#ifdef VAR_RANGES
		logval("Publisher:i", ((int)((P0 *)_this)->i));
#endif
		;
		/* merge: .(goto)(0, 28, 27) */
		reached[0][28] = 1;
		;
		_m = 3; goto P999; /* 4 */
	case 181: // STATE 30 - mqc.pml:129 - [pf.note = pd.note] (0:78:1 - 3)
		IfNotBlocked
		reached[0][30] = 1;
		(trpt+1)->bup.oval = ((int)now.pf.note);
		now.pf.note = ((int)now.pd.note);
#ifdef VAR_RANGES
		logval("pf.note", ((int)now.pf.note));
#endif
		;
		/* merge: .(goto)(0, 33, 78) */
		reached[0][33] = 1;
		;
		/* merge: .(goto)(0, 37, 78) */
		reached[0][37] = 1;
		;
		_m = 3; goto P999; /* 2 */
	case 182: // STATE 38 - mqc.pml:176 - [(((pup&&(qhd<acc))&&(nwin<2)))] (0:0:0 - 1)
		IfNotBlocked
		reached[0][38] = 1;
		if (!(((((int)now.pup)&&(((int)now.qhd)<((int)now.acc)))&&(((int)now.nwin)<2))))
			continue;
		_m = 3; goto P999; /* 0 */
	case 183: // STATE 39 - mqc.pml:158 - [id = 0] (0:61:2 - 1)
		IfNotBlocked
		reached[0][39] = 1;
		(trpt+1)->bup.ovals = grab_ints(2);
		(trpt+1)->bup.ovals[0] = ((int)((P0 *)_this)->id);
		((P0 *)_this)->id = 0;
#ifdef VAR_RANGES
		logval("Publisher:id", ((int)((P0 *)_this)->id));
#endif
		;
		/* merge: k = 0(61, 40, 61) */
		reached[0][40] = 1;
		(trpt+1)->bup.ovals[1] = ((int)((P0 *)_this)->k);
		((P0 *)_this)->k = 0;
#ifdef VAR_RANGES
		logval("Publisher:k", ((int)((P0 *)_this)->k));
#endif
		;
		/* merge: .(goto)(0, 62, 61) */
		reached[0][62] = 1;
		;
		_m = 3; goto P999; /* 2 */
	case 184: // STATE 41 - mqc.pml:160 - [((k<3))] (49:0:3 - 1)
		IfNotBlocked
		reached[0][41] = 1;
		if (!((((int)((P0 *)_this)->k)<3)))
			continue;
		/* merge: id = next_id(49, 42, 49) */
		reached[0][42] = 1;
		(trpt+1)->bup.ovals = grab_ints(3);
		(trpt+1)->bup.ovals[0] = ((int)((P0 *)_this)->id);
		((P0 *)_this)->id = ((int)now.next_id);
#ifdef VAR_RANGES
		logval("Publisher:id", ((int)((P0 *)_this)->id));
#endif
		;
		/* merge: next_id = ( ((id==3)) -> (1) : ((id+1)) )(49, 43, 49) */
		reached[0][43] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.next_id);
		now.next_id = ( ((((int)((P0 *)_this)->id)==3)) ? (1) : ((((int)((P0 *)_this)->id)+1)) );
#ifdef VAR_RANGES
		logval("next_id", ((int)now.next_id));
#endif
		;
		/* merge: j = 0(49, 44, 49) */
		reached[0][44] = 1;
		(trpt+1)->bup.ovals[2] = ((int)((P0 *)_this)->j);
		((P0 *)_this)->j = 0;
#ifdef VAR_RANGES
		logval("Publisher:j", ((int)((P0 *)_this)->j));
#endif
		;
		/* merge: .(goto)(0, 50, 49) */
		reached[0][50] = 1;
		;
		_m = 3; goto P999; /* 4 */
	case 185: // STATE 45 - mqc.pml:165 - [(((j<nwin)&&(w_id[j]!=id)))] (49:0:1 - 1)
		IfNotBlocked
		reached[0][45] = 1;
		if (!(((((int)((P0 *)_this)->j)<((int)now.nwin))&&(((int)now.w_id[ Index(((int)((P0 *)_this)->j), 2) ])!=((int)((P0 *)_this)->id)))))
			continue;
		/* merge: j = (j+1)(0, 46, 49) */
		reached[0][46] = 1;
		(trpt+1)->bup.oval = ((int)((P0 *)_this)->j);
		((P0 *)_this)->j = (((int)((P0 *)_this)->j)+1);
#ifdef VAR_RANGES
		logval("Publisher:j", ((int)((P0 *)_this)->j));
#endif
		;
		/* merge: .(goto)(0, 50, 49) */
		reached[0][50] = 1;
		;
		_m = 3; goto P999; /* 2 */
	case 186: // STATE 52 - mqc.pml:168 - [((j==nwin))] (75:0:8 - 1)
		IfNotBlocked
		reached[0][52] = 1;
		if (!((((int)((P0 *)_this)->j)==((int)now.nwin))))
			continue;
		if (TstOnly) return 1; /* TT */
		/* dead 1: j */  (trpt+1)->bup.ovals = grab_ints(8);
		(trpt+1)->bup.ovals[0] = ((P0 *)_this)->j;
#ifdef HAS_CODE
		if (!readtrail)
#endif
			((P0 *)_this)->j = 0;
		/* merge: goto :b4(75, 53, 75) */
		reached[0][53] = 1;
		;
		/* merge: assert((id!=0))(75, 65, 75) */
		reached[0][65] = 1;
		spin_assert((((int)((P0 *)_this)->id)!=0), "(id!=0)", II, tt, t);
		/* merge: w_m[nwin] = qhd(75, 66, 75) */
		reached[0][66] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.w_m[ Index(((int)now.nwin), 2) ]);
		now.w_m[ Index(now.nwin, 2) ] = ((int)now.qhd);
#ifdef VAR_RANGES
		logval("w_m[nwin]", ((int)now.w_m[ Index(((int)now.nwin), 2) ]));
#endif
		;
		/* merge: w_id[nwin] = id(75, 67, 75) */
		reached[0][67] = 1;
		(trpt+1)->bup.ovals[2] = ((int)now.w_id[ Index(((int)now.nwin), 2) ]);
		now.w_id[ Index(now.nwin, 2) ] = ((int)((P0 *)_this)->id);
#ifdef VAR_RANGES
		logval("w_id[nwin]", ((int)now.w_id[ Index(((int)now.nwin), 2) ]));
#endif
		;
		/* merge: w_st[nwin] = 0(75, 68, 75) */
		reached[0][68] = 1;
		(trpt+1)->bup.ovals[3] = ((int)now.w_st[ Index(((int)now.nwin), 2) ]);
		now.w_st[ Index(now.nwin, 2) ] = 0;
#ifdef VAR_RANGES
		logval("w_st[nwin]", ((int)now.w_st[ Index(((int)now.nwin), 2) ]));
#endif
		;
		/* merge: nwin = (nwin+1)(75, 69, 75) */
		reached[0][69] = 1;
		(trpt+1)->bup.ovals[4] = ((int)now.nwin);
		now.nwin = (((int)now.nwin)+1);
#ifdef VAR_RANGES
		logval("nwin", ((int)now.nwin));
#endif
		;
		/* merge: pv.rec[qhd] = 2(75, 70, 75) */
		reached[0][70] = 1;
		(trpt+1)->bup.ovals[5] = ((int)now.pv.rec[ Index(((int)now.qhd), 2) ]);
		now.pv.rec[ Index(now.qhd, 2) ] = 2;
#ifdef VAR_RANGES
		logval("pv.rec[qhd]", ((int)now.pv.rec[ Index(((int)now.qhd), 2) ]));
#endif
		;
		/* merge: pv.id[qhd] = id(75, 71, 75) */
		reached[0][71] = 1;
		(trpt+1)->bup.ovals[6] = ((int)now.pv.id[ Index(((int)now.qhd), 2) ]);
		now.pv.id[ Index(now.qhd, 2) ] = ((int)((P0 *)_this)->id);
#ifdef VAR_RANGES
		logval("pv.id[qhd]", ((int)now.pv.id[ Index(((int)now.qhd), 2) ]));
#endif
		;
		/* merge: qhd = (qhd+1)(75, 72, 75) */
		reached[0][72] = 1;
		(trpt+1)->bup.ovals[7] = ((int)now.qhd);
		now.qhd = (((int)now.qhd)+1);
#ifdef VAR_RANGES
		logval("qhd", ((int)now.qhd));
#endif
		;
		/* merge: .(goto)(0, 76, 75) */
		reached[0][76] = 1;
		;
		_m = 3; goto P999; /* 10 */
	case 187: // STATE 55 - mqc.pml:168 - [id = 0] (0:61:2 - 1)
		IfNotBlocked
		reached[0][55] = 1;
		(trpt+1)->bup.ovals = grab_ints(2);
		(trpt+1)->bup.ovals[0] = ((int)((P0 *)_this)->id);
		((P0 *)_this)->id = 0;
#ifdef VAR_RANGES
		logval("Publisher:id", ((int)((P0 *)_this)->id));
#endif
		;
		/* merge: k = (k+1)(61, 56, 61) */
		reached[0][56] = 1;
		(trpt+1)->bup.ovals[1] = ((int)((P0 *)_this)->k);
		((P0 *)_this)->k = (((int)((P0 *)_this)->k)+1);
#ifdef VAR_RANGES
		logval("Publisher:k", ((int)((P0 *)_this)->k));
#endif
		;
		/* merge: .(goto)(0, 58, 61) */
		reached[0][58] = 1;
		;
		/* merge: .(goto)(0, 62, 61) */
		reached[0][62] = 1;
		;
		_m = 3; goto P999; /* 3 */
	case 188: // STATE 65 - mqc.pml:178 - [assert((id!=0))] (0:75:7 - 5)
		IfNotBlocked
		reached[0][65] = 1;
		spin_assert((((int)((P0 *)_this)->id)!=0), "(id!=0)", II, tt, t);
		/* merge: w_m[nwin] = qhd(75, 66, 75) */
		reached[0][66] = 1;
		(trpt+1)->bup.ovals = grab_ints(7);
		(trpt+1)->bup.ovals[0] = ((int)now.w_m[ Index(((int)now.nwin), 2) ]);
		now.w_m[ Index(now.nwin, 2) ] = ((int)now.qhd);
#ifdef VAR_RANGES
		logval("w_m[nwin]", ((int)now.w_m[ Index(((int)now.nwin), 2) ]));
#endif
		;
		/* merge: w_id[nwin] = id(75, 67, 75) */
		reached[0][67] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.w_id[ Index(((int)now.nwin), 2) ]);
		now.w_id[ Index(now.nwin, 2) ] = ((int)((P0 *)_this)->id);
#ifdef VAR_RANGES
		logval("w_id[nwin]", ((int)now.w_id[ Index(((int)now.nwin), 2) ]));
#endif
		;
		/* merge: w_st[nwin] = 0(75, 68, 75) */
		reached[0][68] = 1;
		(trpt+1)->bup.ovals[2] = ((int)now.w_st[ Index(((int)now.nwin), 2) ]);
		now.w_st[ Index(now.nwin, 2) ] = 0;
#ifdef VAR_RANGES
		logval("w_st[nwin]", ((int)now.w_st[ Index(((int)now.nwin), 2) ]));
#endif
		;
		/* merge: nwin = (nwin+1)(75, 69, 75) */
		reached[0][69] = 1;
		(trpt+1)->bup.ovals[3] = ((int)now.nwin);
		now.nwin = (((int)now.nwin)+1);
#ifdef VAR_RANGES
		logval("nwin", ((int)now.nwin));
#endif
		;
		/* merge: pv.rec[qhd] = 2(75, 70, 75) */
		reached[0][70] = 1;
		(trpt+1)->bup.ovals[4] = ((int)now.pv.rec[ Index(((int)now.qhd), 2) ]);
		now.pv.rec[ Index(now.qhd, 2) ] = 2;
#ifdef VAR_RANGES
		logval("pv.rec[qhd]", ((int)now.pv.rec[ Index(((int)now.qhd), 2) ]));
#endif
		;
		/* merge: pv.id[qhd] = id(75, 71, 75) */
		reached[0][71] = 1;
		(trpt+1)->bup.ovals[5] = ((int)now.pv.id[ Index(((int)now.qhd), 2) ]);
		now.pv.id[ Index(now.qhd, 2) ] = ((int)((P0 *)_this)->id);
#ifdef VAR_RANGES
		logval("pv.id[qhd]", ((int)now.pv.id[ Index(((int)now.qhd), 2) ]));
#endif
		;
		/* merge: qhd = (qhd+1)(75, 72, 75) */
		reached[0][72] = 1;
		(trpt+1)->bup.ovals[6] = ((int)now.qhd);
		now.qhd = (((int)now.qhd)+1);
#ifdef VAR_RANGES
		logval("qhd", ((int)now.qhd));
#endif
		;
		/* merge: .(goto)(0, 76, 75) */
		reached[0][76] = 1;
		;
		_m = 3; goto P999; /* 8 */
	case 189: // STATE 82 - mqc.pml:212 - [.(goto)] (0:444:0 - 2)
		IfNotBlocked
		reached[0][82] = 1;
		;
		/* merge: .(goto)(0, 445, 444) */
		reached[0][445] = 1;
		;
		_m = 3; goto P999; /* 1 */
	case 190: // STATE 80 - mqc.pml:210 - [printf('@P full %d\\n',acc)] (0:444:0 - 1)
		IfNotBlocked
		reached[0][80] = 1;
		Printf("@P full %d\n", ((int)now.acc));
		/* merge: .(goto)(444, 82, 444) */
		reached[0][82] = 1;
		;
		/* merge: .(goto)(0, 445, 444) */
		reached[0][445] = 1;
		;
		_m = 3; goto P999; /* 2 */
	case 191: // STATE 85 - mqc.pml:428 - [(!(pup))] (242:0:2 - 1)
		IfNotBlocked
		reached[0][85] = 1;
		if (!( !(((int)now.pup))))
			continue;
		/* merge: sp = bp_has(242, 86, 242) */
		reached[0][86] = 1;
		(trpt+1)->bup.ovals = grab_ints(2);
		(trpt+1)->bup.ovals[0] = ((int)((P0 *)_this)->sp);
		((P0 *)_this)->sp = ((int)now.bp_has);
#ifdef VAR_RANGES
		logval("Publisher:sp", ((int)((P0 *)_this)->sp));
#endif
		;
		/* merge: bp_has = 1(242, 87, 242) */
		reached[0][87] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.bp_has);
		now.bp_has = 1;
#ifdef VAR_RANGES
		logval("bp_has", ((int)now.bp_has));
#endif
		;
		_m = 3; goto P999; /* 2 */
	case 192: // STATE 88 - mqc.pml:272 - [printf('@P conn %d\\n',sp)] (0:0:0 - 1)
		IfNotBlocked
		reached[0][88] = 1;
		Printf("@P conn %d\n", ((int)((P0 *)_this)->sp));
		_m = 3; goto P999; /* 0 */
	case 193: // STATE 89 - mqc.pml:274 - [(sp)] (96:0:2 - 1)
		IfNotBlocked
		reached[0][89] = 1;
		if (!(((int)((P0 *)_this)->sp)))
			continue;
		if (TstOnly) return 1; /* TT */
		/* dead 1: sp */  (trpt+1)->bup.ovals = grab_ints(2);
		(trpt+1)->bup.ovals[0] = ((P0 *)_this)->sp;
#ifdef HAS_CODE
		if (!readtrail)
#endif
			((P0 *)_this)->sp = 0;
		/* merge: i = 0(0, 90, 96) */
		reached[0][90] = 1;
		(trpt+1)->bup.ovals[1] = ((int)((P0 *)_this)->i);
		((P0 *)_this)->i = 0;
#ifdef VAR_RANGES
		logval("Publisher:i", ((int)((P0 *)_this)->i));
#endif
		;
		/* merge: .(goto)(0, 97, 96) */
		reached[0][97] = 1;
		;
		_m = 3; goto P999; /* 2 */
	case 194: // STATE 91 - mqc.pml:278 - [((i<nwin))] (96:0:2 - 1)
		IfNotBlocked
		reached[0][91] = 1;
		if (!((((int)((P0 *)_this)->i)<((int)now.nwin))))
			continue;
		/* merge: w_st[i] = (w_st[i]&~(2))(96, 92, 96) */
		reached[0][92] = 1;
		(trpt+1)->bup.ovals = grab_ints(2);
		(trpt+1)->bup.ovals[0] = ((int)now.w_st[ Index(((int)((P0 *)_this)->i), 2) ]);
		now.w_st[ Index(((P0 *)_this)->i, 2) ] = (((int)now.w_st[ Index(((int)((P0 *)_this)->i), 2) ])& ~(2));
#ifdef VAR_RANGES
		logval("w_st[Publisher:i]", ((int)now.w_st[ Index(((int)((P0 *)_this)->i), 2) ]));
#endif
		;
		/* merge: i = (i+1)(96, 93, 96) */
		reached[0][93] = 1;
		(trpt+1)->bup.ovals[1] = ((int)((P0 *)_this)->i);
		((P0 *)_this)->i = (((int)((P0 *)_this)->i)+1);
#ifdef VAR_RANGES
		logval("Publisher:i", ((int)((P0 *)_this)->i));
#endif
		;
		/* merge: .(goto)(0, 97, 96) */
		reached[0][97] = 1;
		;
		_m = 3; goto P999; /* 3 */
	case 195: // STATE 99 - mqc.pml:285 - [((!(sp)&&p_ever))] (158:0:3 - 1)
		IfNotBlocked
		reached[0][99] = 1;
		if (!(( !(((int)((P0 *)_this)->sp))&&((int)now.p_ever))))
			continue;
		if (TstOnly) return 1; /* TT */
		/* dead 1: sp */  (trpt+1)->bup.ovals = grab_ints(3);
		(trpt+1)->bup.ovals[0] = ((P0 *)_this)->sp;
#ifdef HAS_CODE
		if (!readtrail)
#endif
			((P0 *)_this)->sp = 0;
		/* merge: i = 0(158, 100, 158) */
		reached[0][100] = 1;
		(trpt+1)->bup.ovals[1] = ((int)((P0 *)_this)->i);
		((P0 *)_this)->i = 0;
#ifdef VAR_RANGES
		logval("Publisher:i", ((int)((P0 *)_this)->i));
#endif
		;
		/* merge: k = nwin(158, 101, 158) */
		reached[0][101] = 1;
		(trpt+1)->bup.ovals[2] = ((int)((P0 *)_this)->k);
		((P0 *)_this)->k = ((int)now.nwin);
#ifdef VAR_RANGES
		logval("Publisher:k", ((int)((P0 *)_this)->k));
#endif
		;
		/* merge: .(goto)(0, 159, 158) */
		reached[0][159] = 1;
		;
		_m = 3; goto P999; /* 3 */
	case 196: // STATE 102 - mqc.pml:290 - [((k>0))] (0:0:0 - 1)
		IfNotBlocked
		reached[0][102] = 1;
		if (!((((int)((P0 *)_this)->k)>0)))
			continue;
		_m = 3; goto P999; /* 0 */
	case 197: // STATE 103 - mqc.pml:292 - [((w_st[i]&1))] (0:0:0 - 1)
		IfNotBlocked
		reached[0][103] = 1;
		if (!((((int)now.w_st[ Index(((int)((P0 *)_this)->i), 2) ])&1)))
			continue;
		_m = 3; goto P999; /* 0 */
	case 198: // STATE 104 - mqc.pml:151 - [printf('@P done %d %d\\n',w_m[i],0)] (0:0:0 - 1)
		IfNotBlocked
		reached[0][104] = 1;
		Printf("@P done %d %d\n", ((int)now.w_m[ Index(((int)((P0 *)_this)->i), 2) ]), 0);
		_m = 3; goto P999; /* 0 */
	case 199: // STATE 105 - mqc.pml:152 - [((outcome[w_m[i]]==0))] (121:0:4 - 1)
		IfNotBlocked
		reached[0][105] = 1;
		if (!((((int)now.outcome[ Index(((int)now.w_m[ Index(((int)((P0 *)_this)->i), 2) ]), 2) ])==0)))
			continue;
		/* merge: ndone = (ndone+1)(121, 106, 121) */
		reached[0][106] = 1;
		(trpt+1)->bup.ovals = grab_ints(4);
		(trpt+1)->bup.ovals[0] = ((int)now.ndone);
		now.ndone = (((int)now.ndone)+1);
#ifdef VAR_RANGES
		logval("ndone", ((int)now.ndone));
#endif
		;
		/* merge: .(goto)(121, 109, 121) */
		reached[0][109] = 1;
		;
		/* merge: outcome[w_m[i]] = (0+1)(121, 110, 121) */
		reached[0][110] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.outcome[ Index(((int)now.w_m[ Index(((int)((P0 *)_this)->i), 2) ]), 2) ]);
		now.outcome[ Index(now.w_m[ Index(((P0 *)_this)->i, 2) ], 2) ] = (0+1);
#ifdef VAR_RANGES
		logval("outcome[w_m[Publisher:i]]", ((int)now.outcome[ Index(((int)now.w_m[ Index(((int)((P0 *)_this)->i), 2) ]), 2) ]));
#endif
		;
		/* merge: pv.rec[w_m[i]] = 0(121, 112, 121) */
		reached[0][112] = 1;
		(trpt+1)->bup.ovals[2] = ((int)now.pv.rec[ Index(((int)now.w_m[ Index(((int)((P0 *)_this)->i), 2) ]), 2) ]);
		now.pv.rec[ Index(now.w_m[ Index(((P0 *)_this)->i, 2) ], 2) ] = 0;
#ifdef VAR_RANGES
		logval("pv.rec[w_m[Publisher:i]]", ((int)now.pv.rec[ Index(((int)now.w_m[ Index(((int)((P0 *)_this)->i), 2) ]), 2) ]));
#endif
		;
		/* merge: j = i(121, 113, 121) */
		reached[0][113] = 1;
		(trpt+1)->bup.ovals[3] = ((int)((P0 *)_this)->j);
		((P0 *)_this)->j = ((int)((P0 *)_this)->i);
#ifdef VAR_RANGES
		logval("Publisher:j", ((int)((P0 *)_this)->j));
#endif
		;
		/* merge: .(goto)(0, 122, 121) */
		reached[0][122] = 1;
		;
		_m = 3; goto P999; /* 6 */
	case 200: // STATE 110 - mqc.pml:153 - [outcome[w_m[i]] = (0+1)] (0:121:3 - 3)
		IfNotBlocked
		reached[0][110] = 1;
		(trpt+1)->bup.ovals = grab_ints(3);
		(trpt+1)->bup.ovals[0] = ((int)now.outcome[ Index(((int)now.w_m[ Index(((int)((P0 *)_this)->i), 2) ]), 2) ]);
		now.outcome[ Index(now.w_m[ Index(((P0 *)_this)->i, 2) ], 2) ] = (0+1);
#ifdef VAR_RANGES
		logval("outcome[w_m[Publisher:i]]", ((int)now.outcome[ Index(((int)now.w_m[ Index(((int)((P0 *)_this)->i), 2) ]), 2) ]));
#endif
		;
		/* merge: pv.rec[w_m[i]] = 0(121, 112, 121) */
		reached[0][112] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.pv.rec[ Index(((int)now.w_m[ Index(((int)((P0 *)_this)->i), 2) ]), 2) ]);
		now.pv.rec[ Index(now.w_m[ Index(((P0 *)_this)->i, 2) ], 2) ] = 0;
#ifdef VAR_RANGES
		logval("pv.rec[w_m[Publisher:i]]", ((int)now.pv.rec[ Index(((int)now.w_m[ Index(((int)((P0 *)_this)->i), 2) ]), 2) ]));
#endif
		;
		/* merge: j = i(121, 113, 121) */
		reached[0][113] = 1;
		(trpt+1)->bup.ovals[2] = ((int)((P0 *)_this)->j);
		((P0 *)_this)->j = ((int)((P0 *)_this)->i);
#ifdef VAR_RANGES
		logval("Publisher:j", ((int)((P0 *)_this)->j));
#endif
		;
		/* merge: .(goto)(0, 122, 121) */
		reached[0][122] = 1;
		;
		_m = 3; goto P999; /* 3 */
	case 201: // STATE 114 - mqc.pml:192 - [(((j+1)<nwin))] (121:0:4 - 1)
		IfNotBlocked
		reached[0][114] = 1;
		if (!(((((int)((P0 *)_this)->j)+1)<((int)now.nwin))))
			continue;
		/* merge: w_m[j] = w_m[(j+1)](121, 115, 121) */
		reached[0][115] = 1;
		(trpt+1)->bup.ovals = grab_ints(4);
		(trpt+1)->bup.ovals[0] = ((int)now.w_m[ Index(((int)((P0 *)_this)->j), 2) ]);
		now.w_m[ Index(((P0 *)_this)->j, 2) ] = ((int)now.w_m[ Index((((int)((P0 *)_this)->j)+1), 2) ]);
#ifdef VAR_RANGES
		logval("w_m[Publisher:j]", ((int)now.w_m[ Index(((int)((P0 *)_this)->j), 2) ]));
#endif
		;
		/* merge: w_id[j] = w_id[(j+1)](121, 116, 121) */
		reached[0][116] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.w_id[ Index(((int)((P0 *)_this)->j), 2) ]);
		now.w_id[ Index(((P0 *)_this)->j, 2) ] = ((int)now.w_id[ Index((((int)((P0 *)_this)->j)+1), 2) ]);
#ifdef VAR_RANGES
		logval("w_id[Publisher:j]", ((int)now.w_id[ Index(((int)((P0 *)_this)->j), 2) ]));
#endif
		;
		/* merge: w_st[j] = w_st[(j+1)](121, 117, 121) */
		reached[0][117] = 1;
		(trpt+1)->bup.ovals[2] = ((int)now.w_st[ Index(((int)((P0 *)_this)->j), 2) ]);
		now.w_st[ Index(((P0 *)_this)->j, 2) ] = ((int)now.w_st[ Index((((int)((P0 *)_this)->j)+1), 2) ]);
#ifdef VAR_RANGES
		logval("w_st[Publisher:j]", ((int)now.w_st[ Index(((int)((P0 *)_this)->j), 2) ]));
#endif
		;
		/* merge: j = (j+1)(121, 118, 121) */
		reached[0][118] = 1;
		(trpt+1)->bup.ovals[3] = ((int)((P0 *)_this)->j);
		((P0 *)_this)->j = (((int)((P0 *)_this)->j)+1);
#ifdef VAR_RANGES
		logval("Publisher:j", ((int)((P0 *)_this)->j));
#endif
		;
		/* merge: .(goto)(0, 122, 121) */
		reached[0][122] = 1;
		;
		_m = 3; goto P999; /* 5 */
	case 202: // STATE 124 - mqc.pml:195 - [nwin = (nwin-1)] (0:158:2 - 3)
		IfNotBlocked
		reached[0][124] = 1;
		(trpt+1)->bup.ovals = grab_ints(2);
		(trpt+1)->bup.ovals[0] = ((int)now.nwin);
		now.nwin = (((int)now.nwin)-1);
#ifdef VAR_RANGES
		logval("nwin", ((int)now.nwin));
#endif
		;
		/* merge: .(goto)(158, 154, 158) */
		reached[0][154] = 1;
		;
		/* merge: k = (k-1)(158, 155, 158) */
		reached[0][155] = 1;
		(trpt+1)->bup.ovals[1] = ((int)((P0 *)_this)->k);
		((P0 *)_this)->k = (((int)((P0 *)_this)->k)-1);
#ifdef VAR_RANGES
		logval("Publisher:k", ((int)((P0 *)_this)->k));
#endif
		;
		/* merge: .(goto)(0, 159, 158) */
		reached[0][159] = 1;
		;
		_m = 3; goto P999; /* 3 */
	case 203: // STATE 126 - mqc.pml:293 - [((!((w_st[i]&1))&&(0==1)))] (0:0:0 - 1)
		IfNotBlocked
		reached[0][126] = 1;
		if (!(( !((((int)now.w_st[ Index(((int)((P0 *)_this)->i), 2) ])&1))&&(0==1))))
			continue;
		_m = 3; goto P999; /* 0 */
	case 204: // STATE 127 - mqc.pml:151 - [printf('@P done %d %d\\n',w_m[i],3)] (0:0:0 - 1)
		IfNotBlocked
		reached[0][127] = 1;
		Printf("@P done %d %d\n", ((int)now.w_m[ Index(((int)((P0 *)_this)->i), 2) ]), 3);
		_m = 3; goto P999; /* 0 */
	case 205: // STATE 128 - mqc.pml:152 - [((outcome[w_m[i]]==0))] (144:0:4 - 1)
		IfNotBlocked
		reached[0][128] = 1;
		if (!((((int)now.outcome[ Index(((int)now.w_m[ Index(((int)((P0 *)_this)->i), 2) ]), 2) ])==0)))
			continue;
		/* merge: ndone = (ndone+1)(144, 129, 144) */
		reached[0][129] = 1;
		(trpt+1)->bup.ovals = grab_ints(4);
		(trpt+1)->bup.ovals[0] = ((int)now.ndone);
		now.ndone = (((int)now.ndone)+1);
#ifdef VAR_RANGES
		logval("ndone", ((int)now.ndone));
#endif
		;
		/* merge: .(goto)(144, 132, 144) */
		reached[0][132] = 1;
		;
		/* merge: outcome[w_m[i]] = (3+1)(144, 133, 144) */
		reached[0][133] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.outcome[ Index(((int)now.w_m[ Index(((int)((P0 *)_this)->i), 2) ]), 2) ]);
		now.outcome[ Index(now.w_m[ Index(((P0 *)_this)->i, 2) ], 2) ] = (3+1);
#ifdef VAR_RANGES
		logval("outcome[w_m[Publisher:i]]", ((int)now.outcome[ Index(((int)now.w_m[ Index(((int)((P0 *)_this)->i), 2) ]), 2) ]));
#endif
		;
		/* merge: pv.rec[w_m[i]] = 0(144, 135, 144) */
		reached[0][135] = 1;
		(trpt+1)->bup.ovals[2] = ((int)now.pv.rec[ Index(((int)now.w_m[ Index(((int)((P0 *)_this)->i), 2) ]), 2) ]);
		now.pv.rec[ Index(now.w_m[ Index(((P0 *)_this)->i, 2) ], 2) ] = 0;
#ifdef VAR_RANGES
		logval("pv.rec[w_m[Publisher:i]]", ((int)now.pv.rec[ Index(((int)now.w_m[ Index(((int)((P0 *)_this)->i), 2) ]), 2) ]));
#endif
		;
		/* merge: j = i(144, 136, 144) */
		reached[0][136] = 1;
		(trpt+1)->bup.ovals[3] = ((int)((P0 *)_this)->j);
		((P0 *)_this)->j = ((int)((P0 *)_this)->i);
#ifdef VAR_RANGES
		logval("Publisher:j", ((int)((P0 *)_this)->j));
#endif
		;
		/* merge: .(goto)(0, 145, 144) */
		reached[0][145] = 1;
		;
		_m = 3; goto P999; /* 6 */
	case 206: // STATE 133 - mqc.pml:153 - [outcome[w_m[i]] = (3+1)] (0:144:3 - 3)
		IfNotBlocked
		reached[0][133] = 1;
		(trpt+1)->bup.ovals = grab_ints(3);
		(trpt+1)->bup.ovals[0] = ((int)now.outcome[ Index(((int)now.w_m[ Index(((int)((P0 *)_this)->i), 2) ]), 2) ]);
		now.outcome[ Index(now.w_m[ Index(((P0 *)_this)->i, 2) ], 2) ] = (3+1);
#ifdef VAR_RANGES
		logval("outcome[w_m[Publisher:i]]", ((int)now.outcome[ Index(((int)now.w_m[ Index(((int)((P0 *)_this)->i), 2) ]), 2) ]));
#endif
		;
		/* merge: pv.rec[w_m[i]] = 0(144, 135, 144) */
		reached[0][135] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.pv.rec[ Index(((int)now.w_m[ Index(((int)((P0 *)_this)->i), 2) ]), 2) ]);
		now.pv.rec[ Index(now.w_m[ Index(((P0 *)_this)->i, 2) ], 2) ] = 0;
#ifdef VAR_RANGES
		logval("pv.rec[w_m[Publisher:i]]", ((int)now.pv.rec[ Index(((int)now.w_m[ Index(((int)((P0 *)_this)->i), 2) ]), 2) ]));
#endif
		;
		/* merge: j = i(144, 136, 144) */
		reached[0][136] = 1;
		(trpt+1)->bup.ovals[2] = ((int)((P0 *)_this)->j);
		((P0 *)_this)->j = ((int)((P0 *)_this)->i);
#ifdef VAR_RANGES
		logval("Publisher:j", ((int)((P0 *)_this)->j));
#endif
		;
		/* merge: .(goto)(0, 145, 144) */
		reached[0][145] = 1;
		;
		_m = 3; goto P999; /* 3 */
	case 207: // STATE 137 - mqc.pml:192 - [(((j+1)<nwin))] (144:0:4 - 1)
		IfNotBlocked
		reached[0][137] = 1;
		if (!(((((int)((P0 *)_this)->j)+1)<((int)now.nwin))))
			continue;
		/* merge: w_m[j] = w_m[(j+1)](144, 138, 144) */
		reached[0][138] = 1;
		(trpt+1)->bup.ovals = grab_ints(4);
		(trpt+1)->bup.ovals[0] = ((int)now.w_m[ Index(((int)((P0 *)_this)->j), 2) ]);
		now.w_m[ Index(((P0 *)_this)->j, 2) ] = ((int)now.w_m[ Index((((int)((P0 *)_this)->j)+1), 2) ]);
#ifdef VAR_RANGES
		logval("w_m[Publisher:j]", ((int)now.w_m[ Index(((int)((P0 *)_this)->j), 2) ]));
#endif
		;
		/* merge: w_id[j] = w_id[(j+1)](144, 139, 144) */
		reached[0][139] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.w_id[ Index(((int)((P0 *)_this)->j), 2) ]);
		now.w_id[ Index(((P0 *)_this)->j, 2) ] = ((int)now.w_id[ Index((((int)((P0 *)_this)->j)+1), 2) ]);
#ifdef VAR_RANGES
		logval("w_id[Publisher:j]", ((int)now.w_id[ Index(((int)((P0 *)_this)->j), 2) ]));
#endif
		;
		/* merge: w_st[j] = w_st[(j+1)](144, 140, 144) */
		reached[0][140] = 1;
		(trpt+1)->bup.ovals[2] = ((int)now.w_st[ Index(((int)((P0 *)_this)->j), 2) ]);
		now.w_st[ Index(((P0 *)_this)->j, 2) ] = ((int)now.w_st[ Index((((int)((P0 *)_this)->j)+1), 2) ]);
#ifdef VAR_RANGES
		logval("w_st[Publisher:j]", ((int)now.w_st[ Index(((int)((P0 *)_this)->j), 2) ]));
#endif
		;
		/* merge: j = (j+1)(144, 141, 144) */
		reached[0][141] = 1;
		(trpt+1)->bup.ovals[3] = ((int)((P0 *)_this)->j);
		((P0 *)_this)->j = (((int)((P0 *)_this)->j)+1);
#ifdef VAR_RANGES
		logval("Publisher:j", ((int)((P0 *)_this)->j));
#endif
		;
		/* merge: .(goto)(0, 145, 144) */
		reached[0][145] = 1;
		;
		_m = 3; goto P999; /* 5 */
	case 208: // STATE 147 - mqc.pml:195 - [nwin = (nwin-1)] (0:158:2 - 3)
		IfNotBlocked
		reached[0][147] = 1;
		(trpt+1)->bup.ovals = grab_ints(2);
		(trpt+1)->bup.ovals[0] = ((int)now.nwin);
		now.nwin = (((int)now.nwin)-1);
#ifdef VAR_RANGES
		logval("nwin", ((int)now.nwin));
#endif
		;
		/* merge: .(goto)(158, 154, 158) */
		reached[0][154] = 1;
		;
		/* merge: k = (k-1)(158, 155, 158) */
		reached[0][155] = 1;
		(trpt+1)->bup.ovals[1] = ((int)((P0 *)_this)->k);
		((P0 *)_this)->k = (((int)((P0 *)_this)->k)-1);
#ifdef VAR_RANGES
		logval("Publisher:k", ((int)((P0 *)_this)->k));
#endif
		;
		/* merge: .(goto)(0, 159, 158) */
		reached[0][159] = 1;
		;
		_m = 3; goto P999; /* 3 */
	case 209: // STATE 150 - mqc.pml:294 - [w_st[i] = 0] (0:158:4 - 1)
		IfNotBlocked
		reached[0][150] = 1;
		(trpt+1)->bup.ovals = grab_ints(4);
		(trpt+1)->bup.ovals[0] = ((int)now.w_st[ Index(((int)((P0 *)_this)->i), 2) ]);
		now.w_st[ Index(((P0 *)_this)->i, 2) ] = 0;
#ifdef VAR_RANGES
		logval("w_st[Publisher:i]", ((int)now.w_st[ Index(((int)((P0 *)_this)->i), 2) ]));
#endif
		;
		/* merge: w_id[i] = 0(158, 151, 158) */
		reached[0][151] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.w_id[ Index(((int)((P0 *)_this)->i), 2) ]);
		now.w_id[ Index(((P0 *)_this)->i, 2) ] = 0;
#ifdef VAR_RANGES
		logval("w_id[Publisher:i]", ((int)now.w_id[ Index(((int)((P0 *)_this)->i), 2) ]));
#endif
		;
		/* merge: i = (i+1)(158, 152, 158) */
		reached[0][152] = 1;
		(trpt+1)->bup.ovals[2] = ((int)((P0 *)_this)->i);
		((P0 *)_this)->i = (((int)((P0 *)_this)->i)+1);
#ifdef VAR_RANGES
		logval("Publisher:i", ((int)((P0 *)_this)->i));
#endif
		;
		/* merge: .(goto)(158, 154, 158) */
		reached[0][154] = 1;
		;
		/* merge: k = (k-1)(158, 155, 158) */
		reached[0][155] = 1;
		(trpt+1)->bup.ovals[3] = ((int)((P0 *)_this)->k);
		((P0 *)_this)->k = (((int)((P0 *)_this)->k)-1);
#ifdef VAR_RANGES
		logval("Publisher:k", ((int)((P0 *)_this)->k));
#endif
		;
		/* merge: .(goto)(0, 159, 158) */
		reached[0][159] = 1;
		;
		_m = 3; goto P999; /* 5 */
	case 210: // STATE 155 - mqc.pml:296 - [k = (k-1)] (0:158:1 - 4)
		IfNotBlocked
		reached[0][155] = 1;
		(trpt+1)->bup.oval = ((int)((P0 *)_this)->k);
		((P0 *)_this)->k = (((int)((P0 *)_this)->k)-1);
#ifdef VAR_RANGES
		logval("Publisher:k", ((int)((P0 *)_this)->k));
#endif
		;
		/* merge: .(goto)(0, 159, 158) */
		reached[0][159] = 1;
		;
		_m = 3; goto P999; /* 1 */
	case 211: // STATE 161 - mqc.pml:299 - [l = 0] (0:194:1 - 3)
		IfNotBlocked
		reached[0][161] = 1;
		(trpt+1)->bup.oval = ((int)((P0 *)_this)->l);
		((P0 *)_this)->l = 0;
#ifdef VAR_RANGES
		logval("Publisher:l", ((int)((P0 *)_this)->l));
#endif
		;
		/* merge: .(goto)(0, 195, 194) */
		reached[0][195] = 1;
		;
		_m = 3; goto P999; /* 1 */
	case 212: // STATE 162 - mqc.pml:301 - [((l<i))] (0:0:0 - 1)
		IfNotBlocked
		reached[0][162] = 1;
		if (!((((int)((P0 *)_this)->l)<((int)((P0 *)_this)->i))))
			continue;
		_m = 3; goto P999; /* 0 */
	case 213: // STATE 163 - mqc.pml:158 - [id = 0] (0:185:2 - 1)
		IfNotBlocked
		reached[0][163] = 1;
		(trpt+1)->bup.ovals = grab_ints(2);
		(trpt+1)->bup.ovals[0] = ((int)((P0 *)_this)->id);
		((P0 *)_this)->id = 0;
#ifdef VAR_RANGES
		logval("Publisher:id", ((int)((P0 *)_this)->id));
#endif
		;
		/* merge: k = 0(185, 164, 185) */
		reached[0][164] = 1;
		(trpt+1)->bup.ovals[1] = ((int)((P0 *)_this)->k);
		((P0 *)_this)->k = 0;
#ifdef VAR_RANGES
		logval("Publisher:k", ((int)((P0 *)_this)->k));
#endif
		;
		/* merge: .(goto)(0, 186, 185) */
		reached[0][186] = 1;
		;
		_m = 3; goto P999; /* 2 */
	case 214: // STATE 165 - mqc.pml:160 - [((k<3))] (173:0:3 - 1)
		IfNotBlocked
		reached[0][165] = 1;
		if (!((((int)((P0 *)_this)->k)<3)))
			continue;
		/* merge: id = next_id(173, 166, 173) */
		reached[0][166] = 1;
		(trpt+1)->bup.ovals = grab_ints(3);
		(trpt+1)->bup.ovals[0] = ((int)((P0 *)_this)->id);
		((P0 *)_this)->id = ((int)now.next_id);
#ifdef VAR_RANGES
		logval("Publisher:id", ((int)((P0 *)_this)->id));
#endif
		;
		/* merge: next_id = ( ((id==3)) -> (1) : ((id+1)) )(173, 167, 173) */
		reached[0][167] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.next_id);
		now.next_id = ( ((((int)((P0 *)_this)->id)==3)) ? (1) : ((((int)((P0 *)_this)->id)+1)) );
#ifdef VAR_RANGES
		logval("next_id", ((int)now.next_id));
#endif
		;
		/* merge: j = 0(173, 168, 173) */
		reached[0][168] = 1;
		(trpt+1)->bup.ovals[2] = ((int)((P0 *)_this)->j);
		((P0 *)_this)->j = 0;
#ifdef VAR_RANGES
		logval("Publisher:j", ((int)((P0 *)_this)->j));
#endif
		;
		/* merge: .(goto)(0, 174, 173) */
		reached[0][174] = 1;
		;
		_m = 3; goto P999; /* 4 */
	case 215: // STATE 169 - mqc.pml:165 - [(((j<nwin)&&(w_id[j]!=id)))] (173:0:1 - 1)
		IfNotBlocked
		reached[0][169] = 1;
		if (!(((((int)((P0 *)_this)->j)<((int)now.nwin))&&(((int)now.w_id[ Index(((int)((P0 *)_this)->j), 2) ])!=((int)((P0 *)_this)->id)))))
			continue;
		/* merge: j = (j+1)(0, 170, 173) */
		reached[0][170] = 1;
		(trpt+1)->bup.oval = ((int)((P0 *)_this)->j);
		((P0 *)_this)->j = (((int)((P0 *)_this)->j)+1);
#ifdef VAR_RANGES
		logval("Publisher:j", ((int)((P0 *)_this)->j));
#endif
		;
		/* merge: .(goto)(0, 174, 173) */
		reached[0][174] = 1;
		;
		_m = 3; goto P999; /* 2 */
	case 216: // STATE 176 - mqc.pml:168 - [((j==nwin))] (194:0:4 - 1)
		IfNotBlocked
		reached[0][176] = 1;
		if (!((((int)((P0 *)_this)->j)==((int)now.nwin))))
			continue;
		if (TstOnly) return 1; /* TT */
		/* dead 1: j */  (trpt+1)->bup.ovals = grab_ints(4);
		(trpt+1)->bup.ovals[0] = ((P0 *)_this)->j;
#ifdef HAS_CODE
		if (!readtrail)
#endif
			((P0 *)_this)->j = 0;
		/* merge: goto :b11(194, 177, 194) */
		reached[0][177] = 1;
		;
		/* merge: w_id[l] = id(194, 189, 194) */
		reached[0][189] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.w_id[ Index(((int)((P0 *)_this)->l), 2) ]);
		now.w_id[ Index(((P0 *)_this)->l, 2) ] = ((int)((P0 *)_this)->id);
#ifdef VAR_RANGES
		logval("w_id[Publisher:l]", ((int)now.w_id[ Index(((int)((P0 *)_this)->l), 2) ]));
#endif
		;
		/* merge: pv.id[w_m[l]] = id(194, 190, 194) */
		reached[0][190] = 1;
		(trpt+1)->bup.ovals[2] = ((int)now.pv.id[ Index(((int)now.w_m[ Index(((int)((P0 *)_this)->l), 2) ]), 2) ]);
		now.pv.id[ Index(now.w_m[ Index(((P0 *)_this)->l, 2) ], 2) ] = ((int)((P0 *)_this)->id);
#ifdef VAR_RANGES
		logval("pv.id[w_m[Publisher:l]]", ((int)now.pv.id[ Index(((int)now.w_m[ Index(((int)((P0 *)_this)->l), 2) ]), 2) ]));
#endif
		;
		/* merge: l = (l+1)(194, 191, 194) */
		reached[0][191] = 1;
		(trpt+1)->bup.ovals[3] = ((int)((P0 *)_this)->l);
		((P0 *)_this)->l = (((int)((P0 *)_this)->l)+1);
#ifdef VAR_RANGES
		logval("Publisher:l", ((int)((P0 *)_this)->l));
#endif
		;
		/* merge: .(goto)(0, 195, 194) */
		reached[0][195] = 1;
		;
		_m = 3; goto P999; /* 5 */
	case 217: // STATE 179 - mqc.pml:168 - [id = 0] (0:185:2 - 1)
		IfNotBlocked
		reached[0][179] = 1;
		(trpt+1)->bup.ovals = grab_ints(2);
		(trpt+1)->bup.ovals[0] = ((int)((P0 *)_this)->id);
		((P0 *)_this)->id = 0;
#ifdef VAR_RANGES
		logval("Publisher:id", ((int)((P0 *)_this)->id));
#endif
		;
		/* merge: k = (k+1)(185, 180, 185) */
		reached[0][180] = 1;
		(trpt+1)->bup.ovals[1] = ((int)((P0 *)_this)->k);
		((P0 *)_this)->k = (((int)((P0 *)_this)->k)+1);
#ifdef VAR_RANGES
		logval("Publisher:k", ((int)((P0 *)_this)->k));
#endif
		;
		/* merge: .(goto)(0, 182, 185) */
		reached[0][182] = 1;
		;
		/* merge: .(goto)(0, 186, 185) */
		reached[0][186] = 1;
		;
		_m = 3; goto P999; /* 3 */
	case 218: // STATE 189 - mqc.pml:301 - [w_id[l] = id] (0:194:3 - 5)
		IfNotBlocked
		reached[0][189] = 1;
		(trpt+1)->bup.ovals = grab_ints(3);
		(trpt+1)->bup.ovals[0] = ((int)now.w_id[ Index(((int)((P0 *)_this)->l), 2) ]);
		now.w_id[ Index(((P0 *)_this)->l, 2) ] = ((int)((P0 *)_this)->id);
#ifdef VAR_RANGES
		logval("w_id[Publisher:l]", ((int)now.w_id[ Index(((int)((P0 *)_this)->l), 2) ]));
#endif
		;
		/* merge: pv.id[w_m[l]] = id(194, 190, 194) */
		reached[0][190] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.pv.id[ Index(((int)now.w_m[ Index(((int)((P0 *)_this)->l), 2) ]), 2) ]);
		now.pv.id[ Index(now.w_m[ Index(((P0 *)_this)->l, 2) ], 2) ] = ((int)((P0 *)_this)->id);
#ifdef VAR_RANGES
		logval("pv.id[w_m[Publisher:l]]", ((int)now.pv.id[ Index(((int)now.w_m[ Index(((int)((P0 *)_this)->l), 2) ]), 2) ]));
#endif
		;
		/* merge: l = (l+1)(194, 191, 194) */
		reached[0][191] = 1;
		(trpt+1)->bup.ovals[2] = ((int)((P0 *)_this)->l);
		((P0 *)_this)->l = (((int)((P0 *)_this)->l)+1);
#ifdef VAR_RANGES
		logval("Publisher:l", ((int)((P0 *)_this)->l));
#endif
		;
		/* merge: .(goto)(0, 195, 194) */
		reached[0][195] = 1;
		;
		_m = 3; goto P999; /* 3 */
	case 219: // STATE 200 - mqc.pml:306 - [p_ever = 1] (0:241:1 - 8)
		IfNotBlocked
		reached[0][200] = 1;
		(trpt+1)->bup.oval = ((int)now.p_ever);
		now.p_ever = 1;
#ifdef VAR_RANGES
		logval("p_ever", ((int)now.p_ever));
#endif
		;
		_m = 3; goto P999; /* 0 */
	case 220: // STATE 201 - mqc.pml:176 - [(((pup&&(qhd<acc))&&(nwin<2)))] (0:0:0 - 1)
		IfNotBlocked
		reached[0][201] = 1;
		if (!(((((int)now.pup)&&(((int)now.qhd)<((int)now.acc)))&&(((int)now.nwin)<2))))
			continue;
		_m = 3; goto P999; /* 0 */
	case 221: // STATE 202 - mqc.pml:158 - [id = 0] (0:224:2 - 1)
		IfNotBlocked
		reached[0][202] = 1;
		(trpt+1)->bup.ovals = grab_ints(2);
		(trpt+1)->bup.ovals[0] = ((int)((P0 *)_this)->id);
		((P0 *)_this)->id = 0;
#ifdef VAR_RANGES
		logval("Publisher:id", ((int)((P0 *)_this)->id));
#endif
		;
		/* merge: k = 0(224, 203, 224) */
		reached[0][203] = 1;
		(trpt+1)->bup.ovals[1] = ((int)((P0 *)_this)->k);
		((P0 *)_this)->k = 0;
#ifdef VAR_RANGES
		logval("Publisher:k", ((int)((P0 *)_this)->k));
#endif
		;
		/* merge: .(goto)(0, 225, 224) */
		reached[0][225] = 1;
		;
		_m = 3; goto P999; /* 2 */
	case 222: // STATE 204 - mqc.pml:160 - [((k<3))] (212:0:3 - 1)
		IfNotBlocked
		reached[0][204] = 1;
		if (!((((int)((P0 *)_this)->k)<3)))
			continue;
		/* merge: id = next_id(212, 205, 212) */
		reached[0][205] = 1;
		(trpt+1)->bup.ovals = grab_ints(3);
		(trpt+1)->bup.ovals[0] = ((int)((P0 *)_this)->id);
		((P0 *)_this)->id = ((int)now.next_id);
#ifdef VAR_RANGES
		logval("Publisher:id", ((int)((P0 *)_this)->id));
#endif
		;
		/* merge: next_id = ( ((id==3)) -> (1) : ((id+1)) )(212, 206, 212) */
		reached[0][206] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.next_id);
		now.next_id = ( ((((int)((P0 *)_this)->id)==3)) ? (1) : ((((int)((P0 *)_this)->id)+1)) );
#ifdef VAR_RANGES
		logval("next_id", ((int)now.next_id));
#endif
		;
		/* merge: j = 0(212, 207, 212) */
		reached[0][207] = 1;
		(trpt+1)->bup.ovals[2] = ((int)((P0 *)_this)->j);
		((P0 *)_this)->j = 0;
#ifdef VAR_RANGES
		logval("Publisher:j", ((int)((P0 *)_this)->j));
#endif
		;
		/* merge: .(goto)(0, 213, 212) */
		reached[0][213] = 1;
		;
		_m = 3; goto P999; /* 4 */
	case 223: // STATE 208 - mqc.pml:165 - [(((j<nwin)&&(w_id[j]!=id)))] (212:0:1 - 1)
		IfNotBlocked
		reached[0][208] = 1;
		if (!(((((int)((P0 *)_this)->j)<((int)now.nwin))&&(((int)now.w_id[ Index(((int)((P0 *)_this)->j), 2) ])!=((int)((P0 *)_this)->id)))))
			continue;
		/* merge: j = (j+1)(0, 209, 212) */
		reached[0][209] = 1;
		(trpt+1)->bup.oval = ((int)((P0 *)_this)->j);
		((P0 *)_this)->j = (((int)((P0 *)_this)->j)+1);
#ifdef VAR_RANGES
		logval("Publisher:j", ((int)((P0 *)_this)->j));
#endif
		;
		/* merge: .(goto)(0, 213, 212) */
		reached[0][213] = 1;
		;
		_m = 3; goto P999; /* 2 */
	case 224: // STATE 215 - mqc.pml:168 - [((j==nwin))] (238:0:8 - 1)
		IfNotBlocked
		reached[0][215] = 1;
		if (!((((int)((P0 *)_this)->j)==((int)now.nwin))))
			continue;
		if (TstOnly) return 1; /* TT */
		/* dead 1: j */  (trpt+1)->bup.ovals = grab_ints(8);
		(trpt+1)->bup.ovals[0] = ((P0 *)_this)->j;
#ifdef HAS_CODE
		if (!readtrail)
#endif
			((P0 *)_this)->j = 0;
		/* merge: goto :b14(238, 216, 238) */
		reached[0][216] = 1;
		;
		/* merge: assert((id!=0))(238, 228, 238) */
		reached[0][228] = 1;
		spin_assert((((int)((P0 *)_this)->id)!=0), "(id!=0)", II, tt, t);
		/* merge: w_m[nwin] = qhd(238, 229, 238) */
		reached[0][229] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.w_m[ Index(((int)now.nwin), 2) ]);
		now.w_m[ Index(now.nwin, 2) ] = ((int)now.qhd);
#ifdef VAR_RANGES
		logval("w_m[nwin]", ((int)now.w_m[ Index(((int)now.nwin), 2) ]));
#endif
		;
		/* merge: w_id[nwin] = id(238, 230, 238) */
		reached[0][230] = 1;
		(trpt+1)->bup.ovals[2] = ((int)now.w_id[ Index(((int)now.nwin), 2) ]);
		now.w_id[ Index(now.nwin, 2) ] = ((int)((P0 *)_this)->id);
#ifdef VAR_RANGES
		logval("w_id[nwin]", ((int)now.w_id[ Index(((int)now.nwin), 2) ]));
#endif
		;
		/* merge: w_st[nwin] = 0(238, 231, 238) */
		reached[0][231] = 1;
		(trpt+1)->bup.ovals[3] = ((int)now.w_st[ Index(((int)now.nwin), 2) ]);
		now.w_st[ Index(now.nwin, 2) ] = 0;
#ifdef VAR_RANGES
		logval("w_st[nwin]", ((int)now.w_st[ Index(((int)now.nwin), 2) ]));
#endif
		;
		/* merge: nwin = (nwin+1)(238, 232, 238) */
		reached[0][232] = 1;
		(trpt+1)->bup.ovals[4] = ((int)now.nwin);
		now.nwin = (((int)now.nwin)+1);
#ifdef VAR_RANGES
		logval("nwin", ((int)now.nwin));
#endif
		;
		/* merge: pv.rec[qhd] = 2(238, 233, 238) */
		reached[0][233] = 1;
		(trpt+1)->bup.ovals[5] = ((int)now.pv.rec[ Index(((int)now.qhd), 2) ]);
		now.pv.rec[ Index(now.qhd, 2) ] = 2;
#ifdef VAR_RANGES
		logval("pv.rec[qhd]", ((int)now.pv.rec[ Index(((int)now.qhd), 2) ]));
#endif
		;
		/* merge: pv.id[qhd] = id(238, 234, 238) */
		reached[0][234] = 1;
		(trpt+1)->bup.ovals[6] = ((int)now.pv.id[ Index(((int)now.qhd), 2) ]);
		now.pv.id[ Index(now.qhd, 2) ] = ((int)((P0 *)_this)->id);
#ifdef VAR_RANGES
		logval("pv.id[qhd]", ((int)now.pv.id[ Index(((int)now.qhd), 2) ]));
#endif
		;
		/* merge: qhd = (qhd+1)(238, 235, 238) */
		reached[0][235] = 1;
		(trpt+1)->bup.ovals[7] = ((int)now.qhd);
		now.qhd = (((int)now.qhd)+1);
#ifdef VAR_RANGES
		logval("qhd", ((int)now.qhd));
#endif
		;
		/* merge: .(goto)(0, 239, 238) */
		reached[0][239] = 1;
		;
		_m = 3; goto P999; /* 10 */
	case 225: // STATE 218 - mqc.pml:168 - [id = 0] (0:224:2 - 1)
		IfNotBlocked
		reached[0][218] = 1;
		(trpt+1)->bup.ovals = grab_ints(2);
		(trpt+1)->bup.ovals[0] = ((int)((P0 *)_this)->id);
		((P0 *)_this)->id = 0;
#ifdef VAR_RANGES
		logval("Publisher:id", ((int)((P0 *)_this)->id));
#endif
		;
		/* merge: k = (k+1)(224, 219, 224) */
		reached[0][219] = 1;
		(trpt+1)->bup.ovals[1] = ((int)((P0 *)_this)->k);
		((P0 *)_this)->k = (((int)((P0 *)_this)->k)+1);
#ifdef VAR_RANGES
		logval("Publisher:k", ((int)((P0 *)_this)->k));
#endif
		;
		/* merge: .(goto)(0, 221, 224) */
		reached[0][221] = 1;
		;
		/* merge: .(goto)(0, 225, 224) */
		reached[0][225] = 1;
		;
		_m = 3; goto P999; /* 3 */
	case 226: // STATE 228 - mqc.pml:178 - [assert((id!=0))] (0:238:7 - 5)
		IfNotBlocked
		reached[0][228] = 1;
		spin_assert((((int)((P0 *)_this)->id)!=0), "(id!=0)", II, tt, t);
		/* merge: w_m[nwin] = qhd(238, 229, 238) */
		reached[0][229] = 1;
		(trpt+1)->bup.ovals = grab_ints(7);
		(trpt+1)->bup.ovals[0] = ((int)now.w_m[ Index(((int)now.nwin), 2) ]);
		now.w_m[ Index(now.nwin, 2) ] = ((int)now.qhd);
#ifdef VAR_RANGES
		logval("w_m[nwin]", ((int)now.w_m[ Index(((int)now.nwin), 2) ]));
#endif
		;
		/* merge: w_id[nwin] = id(238, 230, 238) */
		reached[0][230] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.w_id[ Index(((int)now.nwin), 2) ]);
		now.w_id[ Index(now.nwin, 2) ] = ((int)((P0 *)_this)->id);
#ifdef VAR_RANGES
		logval("w_id[nwin]", ((int)now.w_id[ Index(((int)now.nwin), 2) ]));
#endif
		;
		/* merge: w_st[nwin] = 0(238, 231, 238) */
		reached[0][231] = 1;
		(trpt+1)->bup.ovals[2] = ((int)now.w_st[ Index(((int)now.nwin), 2) ]);
		now.w_st[ Index(now.nwin, 2) ] = 0;
#ifdef VAR_RANGES
		logval("w_st[nwin]", ((int)now.w_st[ Index(((int)now.nwin), 2) ]));
#endif
		;
		/* merge: nwin = (nwin+1)(238, 232, 238) */
		reached[0][232] = 1;
		(trpt+1)->bup.ovals[3] = ((int)now.nwin);
		now.nwin = (((int)now.nwin)+1);
#ifdef VAR_RANGES
		logval("nwin", ((int)now.nwin));
#endif
		;
		/* merge: pv.rec[qhd] = 2(238, 233, 238) */
		reached[0][233] = 1;
		(trpt+1)->bup.ovals[4] = ((int)now.pv.rec[ Index(((int)now.qhd), 2) ]);
		now.pv.rec[ Index(now.qhd, 2) ] = 2;
#ifdef VAR_RANGES
		logval("pv.rec[qhd]", ((int)now.pv.rec[ Index(((int)now.qhd), 2) ]));
#endif
		;
		/* merge: pv.id[qhd] = id(238, 234, 238) */
		reached[0][234] = 1;
		(trpt+1)->bup.ovals[5] = ((int)now.pv.id[ Index(((int)now.qhd), 2) ]);
		now.pv.id[ Index(now.qhd, 2) ] = ((int)((P0 *)_this)->id);
#ifdef VAR_RANGES
		logval("pv.id[qhd]", ((int)now.pv.id[ Index(((int)now.qhd), 2) ]));
#endif
		;
		/* merge: qhd = (qhd+1)(238, 235, 238) */
		reached[0][235] = 1;
		(trpt+1)->bup.ovals[6] = ((int)now.qhd);
		now.qhd = (((int)now.qhd)+1);
#ifdef VAR_RANGES
		logval("qhd", ((int)now.qhd));
#endif
		;
		/* merge: .(goto)(0, 239, 238) */
		reached[0][239] = 1;
		;
		_m = 3; goto P999; /* 8 */
	case 227: // STATE 243 - mqc.pml:435 - [pup = 1] (0:0:1 - 1)
		IfNotBlocked
		reached[0][243] = 1;
		(trpt+1)->bup.oval = ((int)now.pup);
		now.pup = 1;
#ifdef VAR_RANGES
		logval("pup", ((int)now.pup));
#endif
		;
		_m = 3; goto P999; /* 0 */
	case 228: // STATE 245 - mqc.pml:436 - [((pup&&(((((qhd<acc)&&(nwin<2))||((nwin>0)&&!((w_st[0]&2))))||((nwin>1)&&!((w_st[1]&2))))||((nwin>2)&&!((w_st[2]&2))))))] (0:0:0 - 1)
		IfNotBlocked
		reached[0][245] = 1;
		if (!((((int)now.pup)&&(((((((int)now.qhd)<((int)now.acc))&&(((int)now.nwin)<2))||((((int)now.nwin)>0)&& !((((int)now.w_st[0])&2))))||((((int)now.nwin)>1)&& !((((int)now.w_st[1])&2))))||((((int)now.nwin)>2)&& !((((int)now.w_st[ Index(2, 2) ])&2)))))))
			continue;
		_m = 3; goto P999; /* 0 */
	case 229: // STATE 246 - mqc.pml:129 - [i = 0] (0:0:1 - 1)
		IfNotBlocked
		reached[0][246] = 1;
		(trpt+1)->bup.oval = ((int)((P0 *)_this)->i);
		((P0 *)_this)->i = 0;
#ifdef VAR_RANGES
		logval("Publisher:i", ((int)((P0 *)_this)->i));
#endif
		;
		_m = 3; goto P999; /* 0 */
	case 230: // STATE 247 - mqc.pml:129 - [((i<2))] (253:0:3 - 1)
		IfNotBlocked
		reached[0][247] = 1;
		if (!((((int)((P0 *)_this)->i)<2)))
			continue;
		/* merge: pd.rec[i] = pv.rec[i](253, 248, 253) */
		reached[0][248] = 1;
		(trpt+1)->bup.ovals = grab_ints(3);
		(trpt+1)->bup.ovals[0] = ((int)now.pd.rec[ Index(((int)((P0 *)_this)->i), 2) ]);
		now.pd.rec[ Index(((P0 *)_this)->i, 2) ] = ((int)now.pv.rec[ Index(((int)((P0 *)_this)->i), 2) ]);
#ifdef VAR_RANGES
		logval("pd.rec[Publisher:i]", ((int)now.pd.rec[ Index(((int)((P0 *)_this)->i), 2) ]));
#endif
		;
		/* merge: pd.id[i] = pv.id[i](253, 249, 253) */
		reached[0][249] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.pd.id[ Index(((int)((P0 *)_this)->i), 2) ]);
		now.pd.id[ Index(((P0 *)_this)->i, 2) ] = ((int)now.pv.id[ Index(((int)((P0 *)_this)->i), 2) ]);
#ifdef VAR_RANGES
		logval("pd.id[Publisher:i]", ((int)now.pd.id[ Index(((int)((P0 *)_this)->i), 2) ]));
#endif
		;
		/* merge: i = (i+1)(253, 250, 253) */
		reached[0][250] = 1;
		(trpt+1)->bup.ovals[2] = ((int)((P0 *)_this)->i);
		((P0 *)_this)->i = (((int)((P0 *)_this)->i)+1);
#ifdef VAR_RANGES
		logval("Publisher:i", ((int)((P0 *)_this)->i));
#endif
		;
		/* merge: .(goto)(0, 254, 253) */
		reached[0][254] = 1;
		;
		_m = 3; goto P999; /* 4 */
	case 231: // STATE 256 - mqc.pml:129 - [pd.note = pv.note] (0:270:1 - 3)
		IfNotBlocked
		reached[0][256] = 1;
		(trpt+1)->bup.oval = ((int)now.pd.note);
		now.pd.note = ((int)now.pv.note);
#ifdef VAR_RANGES
		logval("pd.note", ((int)now.pd.note));
#endif
		;
		_m = 3; goto P999; /* 0 */
	case 232: // STATE 257 - mqc.pml:129 - [((0!=2))] (265:0:1 - 1)
		IfNotBlocked
		reached[0][257] = 1;
		if (!((0!=2)))
			continue;
		/* merge: i = 0(0, 258, 265) */
		reached[0][258] = 1;
		(trpt+1)->bup.oval = ((int)((P0 *)_this)->i);
		((P0 *)_this)->i = 0;
#ifdef VAR_RANGES
		logval("Publisher:i", ((int)((P0 *)_this)->i));
#endif
		;
		/* merge: .(goto)(0, 266, 265) */
		reached[0][266] = 1;
		;
		_m = 3; goto P999; /* 2 */
	case 233: // STATE 259 - mqc.pml:129 - [((i<2))] (265:0:3 - 1)
		IfNotBlocked
		reached[0][259] = 1;
		if (!((((int)((P0 *)_this)->i)<2)))
			continue;
		/* merge: pf.rec[i] = pd.rec[i](265, 260, 265) */
		reached[0][260] = 1;
		(trpt+1)->bup.ovals = grab_ints(3);
		(trpt+1)->bup.ovals[0] = ((int)now.pf.rec[ Index(((int)((P0 *)_this)->i), 2) ]);
		now.pf.rec[ Index(((P0 *)_this)->i, 2) ] = ((int)now.pd.rec[ Index(((int)((P0 *)_this)->i), 2) ]);
#ifdef VAR_RANGES
		logval("pf.rec[Publisher:i]", ((int)now.pf.rec[ Index(((int)((P0 *)_this)->i), 2) ]));
#endif
		;
		/* merge: pf.id[i] = pd.id[i](265, 261, 265) */
		reached[0][261] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.pf.id[ Index(((int)((P0 *)_this)->i), 2) ]);
		now.pf.id[ Index(((P0 *)_this)->i, 2) ] = ((int)now.pd.id[ Index(((int)((P0 *)_this)->i), 2) ]);
#ifdef VAR_RANGES
		logval("pf.id[Publisher:i]", ((int)now.pf.id[ Index(((int)((P0 *)_this)->i), 2) ]));
#endif
		;
		/* merge: i = (i+1)(265, 262, 265) */
		reached[0][262] = 1;
		(trpt+1)->bup.ovals[2] = ((int)((P0 *)_this)->i);
		((P0 *)_this)->i = (((int)((P0 *)_this)->i)+1);
#ifdef VAR_RANGES
		logval("Publisher:i", ((int)((P0 *)_this)->i));
#endif
		;
		/* merge: .(goto)(0, 266, 265) */
		reached[0][266] = 1;
		;
		_m = 3; goto P999; /* 4 */
	case 234: // STATE 268 - mqc.pml:129 - [pf.note = pd.note] (0:340:2 - 3)
		IfNotBlocked
		reached[0][268] = 1;
		(trpt+1)->bup.ovals = grab_ints(2);
		(trpt+1)->bup.ovals[0] = ((int)now.pf.note);
		now.pf.note = ((int)now.pd.note);
#ifdef VAR_RANGES
		logval("pf.note", ((int)now.pf.note));
#endif
		;
		/* merge: .(goto)(340, 271, 340) */
		reached[0][271] = 1;
		;
		/* merge: i = 0(340, 273, 340) */
		reached[0][273] = 1;
		(trpt+1)->bup.ovals[1] = ((int)((P0 *)_this)->i);
		((P0 *)_this)->i = 0;
#ifdef VAR_RANGES
		logval("Publisher:i", ((int)((P0 *)_this)->i));
#endif
		;
		/* merge: .(goto)(0, 341, 340) */
		reached[0][341] = 1;
		;
		_m = 3; goto P999; /* 3 */
	case 235: // STATE 273 - mqc.pml:218 - [i = 0] (0:340:1 - 3)
		IfNotBlocked
		reached[0][273] = 1;
		(trpt+1)->bup.oval = ((int)((P0 *)_this)->i);
		((P0 *)_this)->i = 0;
#ifdef VAR_RANGES
		logval("Publisher:i", ((int)((P0 *)_this)->i));
#endif
		;
		/* merge: .(goto)(0, 341, 340) */
		reached[0][341] = 1;
		;
		_m = 3; goto P999; /* 1 */
	case 236: // STATE 274 - mqc.pml:220 - [((i<nwin))] (0:0:0 - 1)
		IfNotBlocked
		reached[0][274] = 1;
		if (!((((int)((P0 *)_this)->i)<((int)now.nwin))))
			continue;
		_m = 3; goto P999; /* 0 */
	case 237: // STATE 275 - mqc.pml:222 - [(!((w_st[i]&2)))] (0:0:0 - 1)
		IfNotBlocked
		reached[0][275] = 1;
		if (!( !((((int)now.w_st[ Index(((int)((P0 *)_this)->i), 2) ])&2))))
			continue;
		_m = 3; goto P999; /* 0 */
	case 238: // STATE 276 - mqc.pml:225 - [((w_st[i]&1))] (279:0:0 - 1)
		IfNotBlocked
		reached[0][276] = 1;
		if (!((((int)now.w_st[ Index(((int)((P0 *)_this)->i), 2) ])&1)))
			continue;
		/* merge: printf('@P out PUBREL %d\\n',w_id[i])(279, 277, 279) */
		reached[0][277] = 1;
		Printf("@P out PUBREL %d\n", ((int)now.w_id[ Index(((int)((P0 *)_this)->i), 2) ]));
		/* merge: assert(nfull(p2b))(279, 278, 279) */
		reached[0][278] = 1;
		spin_assert((!q_full(now.p2b)), "(!q_full(p2b))", II, tt, t);
		_m = 3; goto P999; /* 2 */
	case 239: // STATE 279 - mqc.pml:227 - [p2b!PUBREL,w_id[i],0,0] (340:0:2 - 1)
		IfNotBlocked
		reached[0][279] = 1;
		if (q_full(now.p2b))
			continue;
#ifdef HAS_CODE
		if (readtrail && gui) {
			char simtmp[64];
			sprintf(simvals, "%d!", now.p2b);
		sprintf(simtmp, "%d", 2); strcat(simvals, simtmp);		strcat(simvals, ",");
		sprintf(simtmp, "%d", ((int)now.w_id[ Index(((int)((P0 *)_this)->i), 2) ])); strcat(simvals, simtmp);		strcat(simvals, ",");
		sprintf(simtmp, "%d", 0); strcat(simvals, simtmp);		strcat(simvals, ",");
		sprintf(simtmp, "%d", 0); strcat(simvals, simtmp);		}
#endif
		
		qsend(now.p2b, 0, 2, ((int)now.w_id[ Index(((int)((P0 *)_this)->i), 2) ]), 0, 0, 4);
		/* merge: .(goto)(340, 286, 340) */
		reached[0][286] = 1;
		;
		/* merge: w_st[i] = (w_st[i]|2)(340, 287, 340) */
		reached[0][287] = 1;
		(trpt+1)->bup.ovals = grab_ints(2);
		(trpt+1)->bup.ovals[0] = ((int)now.w_st[ Index(((int)((P0 *)_this)->i), 2) ]);
		now.w_st[ Index(((P0 *)_this)->i, 2) ] = (((int)now.w_st[ Index(((int)((P0 *)_this)->i), 2) ])|2);
#ifdef VAR_RANGES
		logval("w_st[Publisher:i]", ((int)now.w_st[ Index(((int)((P0 *)_this)->i), 2) ]));
#endif
		;
		/* merge: .(goto)(340, 290, 340) */
		reached[0][290] = 1;
		;
		/* merge: i = (i+1)(340, 291, 340) */
		reached[0][291] = 1;
		(trpt+1)->bup.ovals[1] = ((int)((P0 *)_this)->i);
		((P0 *)_this)->i = (((int)((P0 *)_this)->i)+1);
#ifdef VAR_RANGES
		logval("Publisher:i", ((int)((P0 *)_this)->i));
#endif
		;
		/* merge: .(goto)(0, 341, 340) */
		reached[0][341] = 1;
		;
		_m = 2; goto P999; /* 5 */
	case 240: // STATE 281 - mqc.pml:229 - [printf('@P out PUBLISH %d %d %d\\n',w_id[i],w_m[i],((w_st[i]&4)!=0))] (0:283:0 - 1)
		IfNotBlocked
		reached[0][281] = 1;
		Printf("@P out PUBLISH %d %d %d\n", ((int)now.w_id[ Index(((int)((P0 *)_this)->i), 2) ]), ((int)now.w_m[ Index(((int)((P0 *)_this)->i), 2) ]), ((((int)now.w_st[ Index(((int)((P0 *)_this)->i), 2) ])&4)!=0));
		/* merge: assert(nfull(p2b))(283, 282, 283) */
		reached[0][282] = 1;
		spin_assert((!q_full(now.p2b)), "(!q_full(p2b))", II, tt, t);
		_m = 3; goto P999; /* 1 */
	case 241: // STATE 283 - mqc.pml:230 - [p2b!PUBLISH,w_id[i],w_m[i],((w_st[i]&4)!=0)] (340:0:3 - 1)
		IfNotBlocked
		reached[0][283] = 1;
		if (q_full(now.p2b))
			continue;
#ifdef HAS_CODE
		if (readtrail && gui) {
			char simtmp[64];
			sprintf(simvals, "%d!", now.p2b);
		sprintf(simtmp, "%d", 5); strcat(simvals, simtmp);		strcat(simvals, ",");
		sprintf(simtmp, "%d", ((int)now.w_id[ Index(((int)((P0 *)_this)->i), 2) ])); strcat(simvals, simtmp);		strcat(simvals, ",");
		sprintf(simtmp, "%d", ((int)now.w_m[ Index(((int)((P0 *)_this)->i), 2) ])); strcat(simvals, simtmp);		strcat(simvals, ",");
		sprintf(simtmp, "%d", ((((int)now.w_st[ Index(((int)((P0 *)_this)->i), 2) ])&4)!=0)); strcat(simvals, simtmp);		}
#endif
		
		qsend(now.p2b, 0, 5, ((int)now.w_id[ Index(((int)((P0 *)_this)->i), 2) ]), ((int)now.w_m[ Index(((int)((P0 *)_this)->i), 2) ]), ((((int)now.w_st[ Index(((int)((P0 *)_this)->i), 2) ])&4)!=0), 4);
		/* merge: w_st[i] = (w_st[i]|4)(340, 284, 340) */
		reached[0][284] = 1;
		(trpt+1)->bup.ovals = grab_ints(3);
		(trpt+1)->bup.ovals[0] = ((int)now.w_st[ Index(((int)((P0 *)_this)->i), 2) ]);
		now.w_st[ Index(((P0 *)_this)->i, 2) ] = (((int)now.w_st[ Index(((int)((P0 *)_this)->i), 2) ])|4);
#ifdef VAR_RANGES
		logval("w_st[Publisher:i]", ((int)now.w_st[ Index(((int)((P0 *)_this)->i), 2) ]));
#endif
		;
		/* merge: .(goto)(340, 286, 340) */
		reached[0][286] = 1;
		;
		/* merge: w_st[i] = (w_st[i]|2)(340, 287, 340) */
		reached[0][287] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.w_st[ Index(((int)((P0 *)_this)->i), 2) ]);
		now.w_st[ Index(((P0 *)_this)->i, 2) ] = (((int)now.w_st[ Index(((int)((P0 *)_this)->i), 2) ])|2);
#ifdef VAR_RANGES
		logval("w_st[Publisher:i]", ((int)now.w_st[ Index(((int)((P0 *)_this)->i), 2) ]));
#endif
		;
		/* merge: .(goto)(340, 290, 340) */
		reached[0][290] = 1;
		;
		/* merge: i = (i+1)(340, 291, 340) */
		reached[0][291] = 1;
		(trpt+1)->bup.ovals[2] = ((int)((P0 *)_this)->i);
		((P0 *)_this)->i = (((int)((P0 *)_this)->i)+1);
#ifdef VAR_RANGES
		logval("Publisher:i", ((int)((P0 *)_this)->i));
#endif
		;
		/* merge: .(goto)(0, 341, 340) */
		reached[0][341] = 1;
		;
		_m = 2; goto P999; /* 6 */
	case 242: // STATE 287 - mqc.pml:233 - [w_st[i] = (w_st[i]|2)] (0:340:2 - 3)
		IfNotBlocked
		reached[0][287] = 1;
		(trpt+1)->bup.ovals = grab_ints(2);
		(trpt+1)->bup.ovals[0] = ((int)now.w_st[ Index(((int)((P0 *)_this)->i), 2) ]);
		now.w_st[ Index(((P0 *)_this)->i, 2) ] = (((int)now.w_st[ Index(((int)((P0 *)_this)->i), 2) ])|2);
#ifdef VAR_RANGES
		logval("w_st[Publisher:i]", ((int)now.w_st[ Index(((int)((P0 *)_this)->i), 2) ]));
#endif
		;
		/* merge: .(goto)(340, 290, 340) */
		reached[0][290] = 1;
		;
		/* merge: i = (i+1)(340, 291, 340) */
		reached[0][291] = 1;
		(trpt+1)->bup.ovals[1] = ((int)((P0 *)_this)->i);
		((P0 *)_this)->i = (((int)((P0 *)_this)->i)+1);
#ifdef VAR_RANGES
		logval("Publisher:i", ((int)((P0 *)_this)->i));
#endif
		;
		/* merge: .(goto)(0, 341, 340) */
		reached[0][341] = 1;
		;
		_m = 3; goto P999; /* 3 */
	case 243: // STATE 291 - mqc.pml:236 - [i = (i+1)] (0:340:1 - 3)
		IfNotBlocked
		reached[0][291] = 1;
		(trpt+1)->bup.oval = ((int)((P0 *)_this)->i);
		((P0 *)_this)->i = (((int)((P0 *)_this)->i)+1);
#ifdef VAR_RANGES
		logval("Publisher:i", ((int)((P0 *)_this)->i));
#endif
		;
		/* merge: .(goto)(0, 341, 340) */
		reached[0][341] = 1;
		;
		_m = 3; goto P999; /* 1 */
	case 244: // STATE 293 - mqc.pml:238 - [l = nwin] (0:0:1 - 1)
		IfNotBlocked
		reached[0][293] = 1;
		(trpt+1)->bup.oval = ((int)((P0 *)_this)->l);
		((P0 *)_this)->l = ((int)now.nwin);
#ifdef VAR_RANGES
		logval("Publisher:l", ((int)((P0 *)_this)->l));
#endif
		;
		_m = 3; goto P999; /* 0 */
	case 245: // STATE 294 - mqc.pml:176 - [(((pup&&(qhd<acc))&&(nwin<2)))] (0:0:0 - 1)
		IfNotBlocked
		reached[0][294] = 1;
		if (!(((((int)now.pup)&&(((int)now.qhd)<((int)now.acc)))&&(((int)now.nwin)<2))))
			continue;
		_m = 3; goto P999; /* 0 */
	case 246: // STATE 295 - mqc.pml:158 - [id = 0] (0:317:2 - 1)
		IfNotBlocked
		reached[0][295] = 1;
		(trpt+1)->bup.ovals = grab_ints(2);
		(trpt+1)->bup.ovals[0] = ((int)((P0 *)_this)->id);
		((P0 *)_this)->id = 0;
#ifdef VAR_RANGES
		logval("Publisher:id", ((int)((P0 *)_this)->id));
#endif
		;
		/* merge: k = 0(317, 296, 317) */
		reached[0][296] = 1;
		(trpt+1)->bup.ovals[1] = ((int)((P0 *)_this)->k);
		((P0 *)_this)->k = 0;
#ifdef VAR_RANGES
		logval("Publisher:k", ((int)((P0 *)_this)->k));
#endif
		;
		/* merge: .(goto)(0, 318, 317) */
		reached[0][318] = 1;
		;
		_m = 3; goto P999; /* 2 */
	case 247: // STATE 297 - mqc.pml:160 - [((k<3))] (305:0:3 - 1)
		IfNotBlocked
		reached[0][297] = 1;
		if (!((((int)((P0 *)_this)->k)<3)))
			continue;
		/* merge: id = next_id(305, 298, 305) */
		reached[0][298] = 1;
		(trpt+1)->bup.ovals = grab_ints(3);
		(trpt+1)->bup.ovals[0] = ((int)((P0 *)_this)->id);
		((P0 *)_this)->id = ((int)now.next_id);
#ifdef VAR_RANGES
		logval("Publisher:id", ((int)((P0 *)_this)->id));
#endif
		;
		/* merge: next_id = ( ((id==3)) -> (1) : ((id+1)) )(305, 299, 305) */
		reached[0][299] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.next_id);
		now.next_id = ( ((((int)((P0 *)_this)->id)==3)) ? (1) : ((((int)((P0 *)_this)->id)+1)) );
#ifdef VAR_RANGES
		logval("next_id", ((int)now.next_id));
#endif
		;
		/* merge: j = 0(305, 300, 305) */
		reached[0][300] = 1;
		(trpt+1)->bup.ovals[2] = ((int)((P0 *)_this)->j);
		((P0 *)_this)->j = 0;
#ifdef VAR_RANGES
		logval("Publisher:j", ((int)((P0 *)_this)->j));
#endif
		;
		/* merge: .(goto)(0, 306, 305) */
		reached[0][306] = 1;
		;
		_m = 3; goto P999; /* 4 */
	case 248: // STATE 301 - mqc.pml:165 - [(((j<nwin)&&(w_id[j]!=id)))] (305:0:1 - 1)
		IfNotBlocked
		reached[0][301] = 1;
		if (!(((((int)((P0 *)_this)->j)<((int)now.nwin))&&(((int)now.w_id[ Index(((int)((P0 *)_this)->j), 2) ])!=((int)((P0 *)_this)->id)))))
			continue;
		/* merge: j = (j+1)(0, 302, 305) */
		reached[0][302] = 1;
		(trpt+1)->bup.oval = ((int)((P0 *)_this)->j);
		((P0 *)_this)->j = (((int)((P0 *)_this)->j)+1);
#ifdef VAR_RANGES
		logval("Publisher:j", ((int)((P0 *)_this)->j));
#endif
		;
		/* merge: .(goto)(0, 306, 305) */
		reached[0][306] = 1;
		;
		_m = 3; goto P999; /* 2 */
	case 249: // STATE 308 - mqc.pml:168 - [((j==nwin))] (331:0:8 - 1)
		IfNotBlocked
		reached[0][308] = 1;
		if (!((((int)((P0 *)_this)->j)==((int)now.nwin))))
			continue;
		if (TstOnly) return 1; /* TT */
		/* dead 1: j */  (trpt+1)->bup.ovals = grab_ints(8);
		(trpt+1)->bup.ovals[0] = ((P0 *)_this)->j;
#ifdef HAS_CODE
		if (!readtrail)
#endif
			((P0 *)_this)->j = 0;
		/* merge: goto :b20(331, 309, 331) */
		reached[0][309] = 1;
		;
		/* merge: assert((id!=0))(331, 321, 331) */
		reached[0][321] = 1;
		spin_assert((((int)((P0 *)_this)->id)!=0), "(id!=0)", II, tt, t);
		/* merge: w_m[nwin] = qhd(331, 322, 331) */
		reached[0][322] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.w_m[ Index(((int)now.nwin), 2) ]);
		now.w_m[ Index(now.nwin, 2) ] = ((int)now.qhd);
#ifdef VAR_RANGES
		logval("w_m[nwin]", ((int)now.w_m[ Index(((int)now.nwin), 2) ]));
#endif
		;
		/* merge: w_id[nwin] = id(331, 323, 331) */
		reached[0][323] = 1;
		(trpt+1)->bup.ovals[2] = ((int)now.w_id[ Index(((int)now.nwin), 2) ]);
		now.w_id[ Index(now.nwin, 2) ] = ((int)((P0 *)_this)->id);
#ifdef VAR_RANGES
		logval("w_id[nwin]", ((int)now.w_id[ Index(((int)now.nwin), 2) ]));
#endif
		;
		/* merge: w_st[nwin] = 0(331, 324, 331) */
		reached[0][324] = 1;
		(trpt+1)->bup.ovals[3] = ((int)now.w_st[ Index(((int)now.nwin), 2) ]);
		now.w_st[ Index(now.nwin, 2) ] = 0;
#ifdef VAR_RANGES
		logval("w_st[nwin]", ((int)now.w_st[ Index(((int)now.nwin), 2) ]));
#endif
		;
		/* merge: nwin = (nwin+1)(331, 325, 331) */
		reached[0][325] = 1;
		(trpt+1)->bup.ovals[4] = ((int)now.nwin);
		now.nwin = (((int)now.nwin)+1);
#ifdef VAR_RANGES
		logval("nwin", ((int)now.nwin));
#endif
		;
		/* merge: pv.rec[qhd] = 2(331, 326, 331) */
		reached[0][326] = 1;
		(trpt+1)->bup.ovals[5] = ((int)now.pv.rec[ Index(((int)now.qhd), 2) ]);
		now.pv.rec[ Index(now.qhd, 2) ] = 2;
#ifdef VAR_RANGES
		logval("pv.rec[qhd]", ((int)now.pv.rec[ Index(((int)now.qhd), 2) ]));
#endif
		;
		/* merge: pv.id[qhd] = id(331, 327, 331) */
		reached[0][327] = 1;
		(trpt+1)->bup.ovals[6] = ((int)now.pv.id[ Index(((int)now.qhd), 2) ]);
		now.pv.id[ Index(now.qhd, 2) ] = ((int)((P0 *)_this)->id);
#ifdef VAR_RANGES
		logval("pv.id[qhd]", ((int)now.pv.id[ Index(((int)now.qhd), 2) ]));
#endif
		;
		/* merge: qhd = (qhd+1)(331, 328, 331) */
		reached[0][328] = 1;
		(trpt+1)->bup.ovals[7] = ((int)now.qhd);
		now.qhd = (((int)now.qhd)+1);
#ifdef VAR_RANGES
		logval("qhd", ((int)now.qhd));
#endif
		;
		/* merge: .(goto)(0, 332, 331) */
		reached[0][332] = 1;
		;
		_m = 3; goto P999; /* 10 */
	case 250: // STATE 311 - mqc.pml:168 - [id = 0] (0:317:2 - 1)
		IfNotBlocked
		reached[0][311] = 1;
		(trpt+1)->bup.ovals = grab_ints(2);
		(trpt+1)->bup.ovals[0] = ((int)((P0 *)_this)->id);
		((P0 *)_this)->id = 0;
#ifdef VAR_RANGES
		logval("Publisher:id", ((int)((P0 *)_this)->id));
#endif
		;
		/* merge: k = (k+1)(317, 312, 317) */
		reached[0][312] = 1;
		(trpt+1)->bup.ovals[1] = ((int)((P0 *)_this)->k);
		((P0 *)_this)->k = (((int)((P0 *)_this)->k)+1);
#ifdef VAR_RANGES
		logval("Publisher:k", ((int)((P0 *)_this)->k));
#endif
		;
		/* merge: .(goto)(0, 314, 317) */
		reached[0][314] = 1;
		;
		/* merge: .(goto)(0, 318, 317) */
		reached[0][318] = 1;
		;
		_m = 3; goto P999; /* 3 */
	case 251: // STATE 321 - mqc.pml:178 - [assert((id!=0))] (0:331:7 - 5)
		IfNotBlocked
		reached[0][321] = 1;
		spin_assert((((int)((P0 *)_this)->id)!=0), "(id!=0)", II, tt, t);
		/* merge: w_m[nwin] = qhd(331, 322, 331) */
		reached[0][322] = 1;
		(trpt+1)->bup.ovals = grab_ints(7);
		(trpt+1)->bup.ovals[0] = ((int)now.w_m[ Index(((int)now.nwin), 2) ]);
		now.w_m[ Index(now.nwin, 2) ] = ((int)now.qhd);
#ifdef VAR_RANGES
		logval("w_m[nwin]", ((int)now.w_m[ Index(((int)now.nwin), 2) ]));
#endif
		;
		/* merge: w_id[nwin] = id(331, 323, 331) */
		reached[0][323] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.w_id[ Index(((int)now.nwin), 2) ]);
		now.w_id[ Index(now.nwin, 2) ] = ((int)((P0 *)_this)->id);
#ifdef VAR_RANGES
		logval("w_id[nwin]", ((int)now.w_id[ Index(((int)now.nwin), 2) ]));
#endif
		;
		/* merge: w_st[nwin] = 0(331, 324, 331) */
		reached[0][324] = 1;
		(trpt+1)->bup.ovals[2] = ((int)now.w_st[ Index(((int)now.nwin), 2) ]);
		now.w_st[ Index(now.nwin, 2) ] = 0;
#ifdef VAR_RANGES
		logval("w_st[nwin]", ((int)now.w_st[ Index(((int)now.nwin), 2) ]));
#endif
		;
		/* merge: nwin = (nwin+1)(331, 325, 331) */
		reached[0][325] = 1;
		(trpt+1)->bup.ovals[3] = ((int)now.nwin);
		now.nwin = (((int)now.nwin)+1);
#ifdef VAR_RANGES
		logval("nwin", ((int)now.nwin));
#endif
		;
		/* merge: pv.rec[qhd] = 2(331, 326, 331) */
		reached[0][326] = 1;
		(trpt+1)->bup.ovals[4] = ((int)now.pv.rec[ Index(((int)now.qhd), 2) ]);
		now.pv.rec[ Index(now.qhd, 2) ] = 2;
#ifdef VAR_RANGES
		logval("pv.rec[qhd]", ((int)now.pv.rec[ Index(((int)now.qhd), 2) ]));
#endif
		;
		/* merge: pv.id[qhd] = id(331, 327, 331) */
		reached[0][327] = 1;
		(trpt+1)->bup.ovals[5] = ((int)now.pv.id[ Index(((int)now.qhd), 2) ]);
		now.pv.id[ Index(now.qhd, 2) ] = ((int)((P0 *)_this)->id);
#ifdef VAR_RANGES
		logval("pv.id[qhd]", ((int)now.pv.id[ Index(((int)now.qhd), 2) ]));
#endif
		;
		/* merge: qhd = (qhd+1)(331, 328, 331) */
		reached[0][328] = 1;
		(trpt+1)->bup.ovals[6] = ((int)now.qhd);
		now.qhd = (((int)now.qhd)+1);
#ifdef VAR_RANGES
		logval("qhd", ((int)now.qhd));
#endif
		;
		/* merge: .(goto)(0, 332, 331) */
		reached[0][332] = 1;
		;
		_m = 3; goto P999; /* 8 */
	case 252: // STATE 335 - mqc.pml:239 - [((nwin==l))] (0:0:1 - 1)
		IfNotBlocked
		reached[0][335] = 1;
		if (!((((int)now.nwin)==((int)((P0 *)_this)->l))))
			continue;
		if (TstOnly) return 1; /* TT */
		/* dead 1: l */  (trpt+1)->bup.oval = ((P0 *)_this)->l;
#ifdef HAS_CODE
		if (!readtrail)
#endif
			((P0 *)_this)->l = 0;
		_m = 3; goto P999; /* 0 */
	case 253: // STATE 343 - mqc.pml:241 - [printf('@P fill\\n')] (0:0:0 - 1)
		IfNotBlocked
		reached[0][343] = 1;
		Printf("@P fill\n");
		_m = 3; goto P999; /* 0 */
	case 254: // STATE 346 - mqc.pml:437 - [b2p?t,id,m,d] (0:0:6 - 1)
		reached[0][346] = 1;
		if (q_len(now.b2p) == 0) continue;

		XX=1;
		(trpt+1)->bup.ovals = grab_ints(6);
		(trpt+1)->bup.ovals[0] = ((P0 *)_this)->t;
		(trpt+1)->bup.ovals[1] = ((int)((P0 *)_this)->id);
		(trpt+1)->bup.ovals[2] = ((int)((P0 *)_this)->m);
		(trpt+1)->bup.ovals[3] = ((int)((P0 *)_this)->d);
		;
		((P0 *)_this)->t = qrecv(now.b2p, XX-1, 0, 0);
#ifdef VAR_RANGES
		logval("Publisher:t", ((P0 *)_this)->t);
#endif
		;
		((P0 *)_this)->id = qrecv(now.b2p, XX-1, 1, 0);
#ifdef VAR_RANGES
		logval("Publisher:id", ((int)((P0 *)_this)->id));
#endif
		;
		((P0 *)_this)->m = qrecv(now.b2p, XX-1, 2, 0);
#ifdef VAR_RANGES
		logval("Publisher:m", ((int)((P0 *)_this)->m));
#endif
		;
		((P0 *)_this)->d = qrecv(now.b2p, XX-1, 3, 1);
#ifdef VAR_RANGES
		logval("Publisher:d", ((int)((P0 *)_this)->d));
#endif
		;
		
#ifdef HAS_CODE
		if (readtrail && gui) {
			char simtmp[32];
			sprintf(simvals, "%d?", now.b2p);
		sprintf(simtmp, "%d", ((P0 *)_this)->t); strcat(simvals, simtmp);		strcat(simvals, ",");
		sprintf(simtmp, "%d", ((int)((P0 *)_this)->id)); strcat(simvals, simtmp);		strcat(simvals, ",");
		sprintf(simtmp, "%d", ((int)((P0 *)_this)->m)); strcat(simvals, simtmp);		strcat(simvals, ",");
		sprintf(simtmp, "%d", ((int)((P0 *)_this)->d)); strcat(simvals, simtmp);		}
#endif
		;
		if (TstOnly) return 1; /* TT */
		/* dead 2: m */  (trpt+1)->bup.ovals[4] = ((P0 *)_this)->m;
#ifdef HAS_CODE
		if (!readtrail)
#endif
			((P0 *)_this)->m = 0;
		if (TstOnly) return 1; /* TT */
		/* dead 2: d */  (trpt+1)->bup.ovals[5] = ((P0 *)_this)->d;
#ifdef HAS_CODE
		if (!readtrail)
#endif
			((P0 *)_this)->d = 0;
		_m = 4; goto P999; /* 0 */
	case 255: // STATE 347 - mqc.pml:250 - [printf('@P in %e %d\\n',t,id)] (0:353:1 - 1)
		IfNotBlocked
		reached[0][347] = 1;
		Printf("@P in %e %d\n", ((P0 *)_this)->t, ((int)((P0 *)_this)->id));
		/* merge: i = 0(353, 348, 353) */
		reached[0][348] = 1;
		(trpt+1)->bup.oval = ((int)((P0 *)_this)->i);
		((P0 *)_this)->i = 0;
#ifdef VAR_RANGES
		logval("Publisher:i", ((int)((P0 *)_this)->i));
#endif
		;
		/* merge: .(goto)(0, 354, 353) */
		reached[0][354] = 1;
		;
		_m = 3; goto P999; /* 2 */
	case 256: // STATE 349 - mqc.pml:253 - [(((i<nwin)&&(w_id[i]!=id)))] (353:0:1 - 1)
		IfNotBlocked
		reached[0][349] = 1;
		if (!(((((int)((P0 *)_this)->i)<((int)now.nwin))&&(((int)now.w_id[ Index(((int)((P0 *)_this)->i), 2) ])!=((int)((P0 *)_this)->id)))))
			continue;
		/* merge: i = (i+1)(0, 350, 353) */
		reached[0][350] = 1;
		(trpt+1)->bup.oval = ((int)((P0 *)_this)->i);
		((P0 *)_this)->i = (((int)((P0 *)_this)->i)+1);
#ifdef VAR_RANGES
		logval("Publisher:i", ((int)((P0 *)_this)->i));
#endif
		;
		/* merge: .(goto)(0, 354, 353) */
		reached[0][354] = 1;
		;
		_m = 3; goto P999; /* 2 */
	case 257: // STATE 356 - mqc.pml:257 - [((i==nwin))] (0:0:1 - 1)
		IfNotBlocked
		reached[0][356] = 1;
		if (!((((int)((P0 *)_this)->i)==((int)now.nwin))))
			continue;
		if (TstOnly) return 1; /* TT */
		/* dead 1: i */  (trpt+1)->bup.oval = ((P0 *)_this)->i;
#ifdef HAS_CODE
		if (!readtrail)
#endif
			((P0 *)_this)->i = 0;
		_m = 3; goto P999; /* 0 */
	case 258: // STATE 357 - mqc.pml:257 - [(1)] (444:0:0 - 1)
		IfNotBlocked
		reached[0][357] = 1;
		if (!(1))
			continue;
		/* merge: .(goto)(444, 412, 444) */
		reached[0][412] = 1;
		;
		/* merge: .(goto)(0, 445, 444) */
		reached[0][445] = 1;
		;
		_m = 3; goto P999; /* 2 */
	case 259: // STATE 412 - mqc.pml:268 - [.(goto)] (0:444:0 - 2)
		IfNotBlocked
		reached[0][412] = 1;
		;
		/* merge: .(goto)(0, 445, 444) */
		reached[0][445] = 1;
		;
		_m = 3; goto P999; /* 1 */
	case 260: // STATE 359 - mqc.pml:260 - [((((t==PUBREC)&&(2==2))&&!((w_st[i]&1))))] (444:0:3 - 1)
		IfNotBlocked
		reached[0][359] = 1;
		if (!((((((P0 *)_this)->t==3)&&(2==2))&& !((((int)now.w_st[ Index(((int)((P0 *)_this)->i), 2) ])&1)))))
			continue;
		if (TstOnly) return 1; /* TT */
		/* dead 1: t */  (trpt+1)->bup.ovals = grab_ints(3);
		(trpt+1)->bup.ovals[0] = ((P0 *)_this)->t;
#ifdef HAS_CODE
		if (!readtrail)
#endif
			((P0 *)_this)->t = 0;
		/* merge: pv.rec[w_m[i]] = 3(444, 360, 444) */
		reached[0][360] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.pv.rec[ Index(((int)now.w_m[ Index(((int)((P0 *)_this)->i), 2) ]), 2) ]);
		now.pv.rec[ Index(now.w_m[ Index(((P0 *)_this)->i, 2) ], 2) ] = 3;
#ifdef VAR_RANGES
		logval("pv.rec[w_m[Publisher:i]]", ((int)now.pv.rec[ Index(((int)now.w_m[ Index(((int)((P0 *)_this)->i), 2) ]), 2) ]));
#endif
		;
		/* merge: w_st[i] = 1(444, 361, 444) */
		reached[0][361] = 1;
		(trpt+1)->bup.ovals[2] = ((int)now.w_st[ Index(((int)((P0 *)_this)->i), 2) ]);
		now.w_st[ Index(((P0 *)_this)->i, 2) ] = 1;
#ifdef VAR_RANGES
		logval("w_st[Publisher:i]", ((int)now.w_st[ Index(((int)((P0 *)_this)->i), 2) ]));
#endif
		;
		/* merge: .(goto)(444, 410, 444) */
		reached[0][410] = 1;
		;
		/* merge: .(goto)(444, 412, 444) */
		reached[0][412] = 1;
		;
		/* merge: .(goto)(0, 445, 444) */
		reached[0][445] = 1;
		;
		_m = 3; goto P999; /* 5 */
	case 261: // STATE 410 - mqc.pml:267 - [.(goto)] (0:444:0 - 4)
		IfNotBlocked
		reached[0][410] = 1;
		;
		/* merge: .(goto)(444, 412, 444) */
		reached[0][412] = 1;
		;
		/* merge: .(goto)(0, 445, 444) */
		reached[0][445] = 1;
		;
		_m = 3; goto P999; /* 2 */
	case 262: // STATE 362 - mqc.pml:263 - [(((t==PUBCOMP)&&(w_st[i]&1)))] (0:0:1 - 1)
		IfNotBlocked
		reached[0][362] = 1;
		if (!(((((P0 *)_this)->t==1)&&(((int)now.w_st[ Index(((int)((P0 *)_this)->i), 2) ])&1))))
			continue;
		if (TstOnly) return 1; /* TT */
		/* dead 1: t */  (trpt+1)->bup.oval = ((P0 *)_this)->t;
#ifdef HAS_CODE
		if (!readtrail)
#endif
			((P0 *)_this)->t = 0;
		_m = 3; goto P999; /* 0 */
	case 263: // STATE 363 - mqc.pml:151 - [printf('@P done %d %d\\n',w_m[i],0)] (0:0:0 - 1)
		IfNotBlocked
		reached[0][363] = 1;
		Printf("@P done %d %d\n", ((int)now.w_m[ Index(((int)((P0 *)_this)->i), 2) ]), 0);
		_m = 3; goto P999; /* 0 */
	case 264: // STATE 364 - mqc.pml:152 - [((outcome[w_m[i]]==0))] (380:0:4 - 1)
		IfNotBlocked
		reached[0][364] = 1;
		if (!((((int)now.outcome[ Index(((int)now.w_m[ Index(((int)((P0 *)_this)->i), 2) ]), 2) ])==0)))
			continue;
		/* merge: ndone = (ndone+1)(380, 365, 380) */
		reached[0][365] = 1;
		(trpt+1)->bup.ovals = grab_ints(4);
		(trpt+1)->bup.ovals[0] = ((int)now.ndone);
		now.ndone = (((int)now.ndone)+1);
#ifdef VAR_RANGES
		logval("ndone", ((int)now.ndone));
#endif
		;
		/* merge: .(goto)(380, 368, 380) */
		reached[0][368] = 1;
		;
		/* merge: outcome[w_m[i]] = (0+1)(380, 369, 380) */
		reached[0][369] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.outcome[ Index(((int)now.w_m[ Index(((int)((P0 *)_this)->i), 2) ]), 2) ]);
		now.outcome[ Index(now.w_m[ Index(((P0 *)_this)->i, 2) ], 2) ] = (0+1);
#ifdef VAR_RANGES
		logval("outcome[w_m[Publisher:i]]", ((int)now.outcome[ Index(((int)now.w_m[ Index(((int)((P0 *)_this)->i), 2) ]), 2) ]));
#endif
		;
		/* merge: pv.rec[w_m[i]] = 0(380, 371, 380) */
		reached[0][371] = 1;
		(trpt+1)->bup.ovals[2] = ((int)now.pv.rec[ Index(((int)now.w_m[ Index(((int)((P0 *)_this)->i), 2) ]), 2) ]);
		now.pv.rec[ Index(now.w_m[ Index(((P0 *)_this)->i, 2) ], 2) ] = 0;
#ifdef VAR_RANGES
		logval("pv.rec[w_m[Publisher:i]]", ((int)now.pv.rec[ Index(((int)now.w_m[ Index(((int)((P0 *)_this)->i), 2) ]), 2) ]));
#endif
		;
		/* merge: j = i(380, 372, 380) */
		reached[0][372] = 1;
		(trpt+1)->bup.ovals[3] = ((int)((P0 *)_this)->j);
		((P0 *)_this)->j = ((int)((P0 *)_this)->i);
#ifdef VAR_RANGES
		logval("Publisher:j", ((int)((P0 *)_this)->j));
#endif
		;
		/* merge: .(goto)(0, 381, 380) */
		reached[0][381] = 1;
		;
		_m = 3; goto P999; /* 6 */
	case 265: // STATE 369 - mqc.pml:153 - [outcome[w_m[i]] = (0+1)] (0:380:3 - 3)
		IfNotBlocked
		reached[0][369] = 1;
		(trpt+1)->bup.ovals = grab_ints(3);
		(trpt+1)->bup.ovals[0] = ((int)now.outcome[ Index(((int)now.w_m[ Index(((int)((P0 *)_this)->i), 2) ]), 2) ]);
		now.outcome[ Index(now.w_m[ Index(((P0 *)_this)->i, 2) ], 2) ] = (0+1);
#ifdef VAR_RANGES
		logval("outcome[w_m[Publisher:i]]", ((int)now.outcome[ Index(((int)now.w_m[ Index(((int)((P0 *)_this)->i), 2) ]), 2) ]));
#endif
		;
		/* merge: pv.rec[w_m[i]] = 0(380, 371, 380) */
		reached[0][371] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.pv.rec[ Index(((int)now.w_m[ Index(((int)((P0 *)_this)->i), 2) ]), 2) ]);
		now.pv.rec[ Index(now.w_m[ Index(((P0 *)_this)->i, 2) ], 2) ] = 0;
#ifdef VAR_RANGES
		logval("pv.rec[w_m[Publisher:i]]", ((int)now.pv.rec[ Index(((int)now.w_m[ Index(((int)((P0 *)_this)->i), 2) ]), 2) ]));
#endif
		;
		/* merge: j = i(380, 372, 380) */
		reached[0][372] = 1;
		(trpt+1)->bup.ovals[2] = ((int)((P0 *)_this)->j);
		((P0 *)_this)->j = ((int)((P0 *)_this)->i);
#ifdef VAR_RANGES
		logval("Publisher:j", ((int)((P0 *)_this)->j));
#endif
		;
		/* merge: .(goto)(0, 381, 380) */
		reached[0][381] = 1;
		;
		_m = 3; goto P999; /* 3 */
	case 266: // STATE 373 - mqc.pml:192 - [(((j+1)<nwin))] (380:0:4 - 1)
		IfNotBlocked
		reached[0][373] = 1;
		if (!(((((int)((P0 *)_this)->j)+1)<((int)now.nwin))))
			continue;
		/* merge: w_m[j] = w_m[(j+1)](380, 374, 380) */
		reached[0][374] = 1;
		(trpt+1)->bup.ovals = grab_ints(4);
		(trpt+1)->bup.ovals[0] = ((int)now.w_m[ Index(((int)((P0 *)_this)->j), 2) ]);
		now.w_m[ Index(((P0 *)_this)->j, 2) ] = ((int)now.w_m[ Index((((int)((P0 *)_this)->j)+1), 2) ]);
#ifdef VAR_RANGES
		logval("w_m[Publisher:j]", ((int)now.w_m[ Index(((int)((P0 *)_this)->j), 2) ]));
#endif
		;
		/* merge: w_id[j] = w_id[(j+1)](380, 375, 380) */
		reached[0][375] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.w_id[ Index(((int)((P0 *)_this)->j), 2) ]);
		now.w_id[ Index(((P0 *)_this)->j, 2) ] = ((int)now.w_id[ Index((((int)((P0 *)_this)->j)+1), 2) ]);
#ifdef VAR_RANGES
		logval("w_id[Publisher:j]", ((int)now.w_id[ Index(((int)((P0 *)_this)->j), 2) ]));
#endif
		;
		/* merge: w_st[j] = w_st[(j+1)](380, 376, 380) */
		reached[0][376] = 1;
		(trpt+1)->bup.ovals[2] = ((int)now.w_st[ Index(((int)((P0 *)_this)->j), 2) ]);
		now.w_st[ Index(((P0 *)_this)->j, 2) ] = ((int)now.w_st[ Index((((int)((P0 *)_this)->j)+1), 2) ]);
#ifdef VAR_RANGES
		logval("w_st[Publisher:j]", ((int)now.w_st[ Index(((int)((P0 *)_this)->j), 2) ]));
#endif
		;
		/* merge: j = (j+1)(380, 377, 380) */
		reached[0][377] = 1;
		(trpt+1)->bup.ovals[3] = ((int)((P0 *)_this)->j);
		((P0 *)_this)->j = (((int)((P0 *)_this)->j)+1);
#ifdef VAR_RANGES
		logval("Publisher:j", ((int)((P0 *)_this)->j));
#endif
		;
		/* merge: .(goto)(0, 381, 380) */
		reached[0][381] = 1;
		;
		_m = 3; goto P999; /* 5 */
	case 267: // STATE 383 - mqc.pml:195 - [nwin = (nwin-1)] (0:444:1 - 3)
		IfNotBlocked
		reached[0][383] = 1;
		(trpt+1)->bup.oval = ((int)now.nwin);
		now.nwin = (((int)now.nwin)-1);
#ifdef VAR_RANGES
		logval("nwin", ((int)now.nwin));
#endif
		;
		/* merge: .(goto)(444, 410, 444) */
		reached[0][410] = 1;
		;
		/* merge: .(goto)(444, 412, 444) */
		reached[0][412] = 1;
		;
		/* merge: .(goto)(0, 445, 444) */
		reached[0][445] = 1;
		;
		_m = 3; goto P999; /* 3 */
	case 268: // STATE 385 - mqc.pml:264 - [(((t==PUBACK)&&(2==1)))] (0:0:1 - 1)
		IfNotBlocked
		reached[0][385] = 1;
		if (!(((((P0 *)_this)->t==4)&&(2==1))))
			continue;
		if (TstOnly) return 1; /* TT */
		/* dead 1: t */  (trpt+1)->bup.oval = ((P0 *)_this)->t;
#ifdef HAS_CODE
		if (!readtrail)
#endif
			((P0 *)_this)->t = 0;
		_m = 3; goto P999; /* 0 */
	case 269: // STATE 386 - mqc.pml:151 - [printf('@P done %d %d\\n',w_m[i],0)] (0:0:0 - 1)
		IfNotBlocked
		reached[0][386] = 1;
		Printf("@P done %d %d\n", ((int)now.w_m[ Index(((int)((P0 *)_this)->i), 2) ]), 0);
		_m = 3; goto P999; /* 0 */
	case 270: // STATE 387 - mqc.pml:152 - [((outcome[w_m[i]]==0))] (403:0:4 - 1)
		IfNotBlocked
		reached[0][387] = 1;
		if (!((((int)now.outcome[ Index(((int)now.w_m[ Index(((int)((P0 *)_this)->i), 2) ]), 2) ])==0)))
			continue;
		/* merge: ndone = (ndone+1)(403, 388, 403) */
		reached[0][388] = 1;
		(trpt+1)->bup.ovals = grab_ints(4);
		(trpt+1)->bup.ovals[0] = ((int)now.ndone);
		now.ndone = (((int)now.ndone)+1);
#ifdef VAR_RANGES
		logval("ndone", ((int)now.ndone));
#endif
		;
		/* merge: .(goto)(403, 391, 403) */
		reached[0][391] = 1;
		;
		/* merge: outcome[w_m[i]] = (0+1)(403, 392, 403) */
		reached[0][392] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.outcome[ Index(((int)now.w_m[ Index(((int)((P0 *)_this)->i), 2) ]), 2) ]);
		now.outcome[ Index(now.w_m[ Index(((P0 *)_this)->i, 2) ], 2) ] = (0+1);
#ifdef VAR_RANGES
		logval("outcome[w_m[Publisher:i]]", ((int)now.outcome[ Index(((int)now.w_m[ Index(((int)((P0 *)_this)->i), 2) ]), 2) ]));
#endif
		;
		/* merge: pv.rec[w_m[i]] = 0(403, 394, 403) */
		reached[0][394] = 1;
		(trpt+1)->bup.ovals[2] = ((int)now.pv.rec[ Index(((int)now.w_m[ Index(((int)((P0 *)_this)->i), 2) ]), 2) ]);
		now.pv.rec[ Index(now.w_m[ Index(((P0 *)_this)->i, 2) ], 2) ] = 0;
#ifdef VAR_RANGES
		logval("pv.rec[w_m[Publisher:i]]", ((int)now.pv.rec[ Index(((int)now.w_m[ Index(((int)((P0 *)_this)->i), 2) ]), 2) ]));
#endif
		;
		/* merge: j = i(403, 395, 403) */
		reached[0][395] = 1;
		(trpt+1)->bup.ovals[3] = ((int)((P0 *)_this)->j);
		((P0 *)_this)->j = ((int)((P0 *)_this)->i);
#ifdef VAR_RANGES
		logval("Publisher:j", ((int)((P0 *)_this)->j));
#endif
		;
		/* merge: .(goto)(0, 404, 403) */
		reached[0][404] = 1;
		;
		_m = 3; goto P999; /* 6 */
	case 271: // STATE 392 - mqc.pml:153 - [outcome[w_m[i]] = (0+1)] (0:403:3 - 3)
		IfNotBlocked
		reached[0][392] = 1;
		(trpt+1)->bup.ovals = grab_ints(3);
		(trpt+1)->bup.ovals[0] = ((int)now.outcome[ Index(((int)now.w_m[ Index(((int)((P0 *)_this)->i), 2) ]), 2) ]);
		now.outcome[ Index(now.w_m[ Index(((P0 *)_this)->i, 2) ], 2) ] = (0+1);
#ifdef VAR_RANGES
		logval("outcome[w_m[Publisher:i]]", ((int)now.outcome[ Index(((int)now.w_m[ Index(((int)((P0 *)_this)->i), 2) ]), 2) ]));
#endif
		;
		/* merge: pv.rec[w_m[i]] = 0(403, 394, 403) */
		reached[0][394] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.pv.rec[ Index(((int)now.w_m[ Index(((int)((P0 *)_this)->i), 2) ]), 2) ]);
		now.pv.rec[ Index(now.w_m[ Index(((P0 *)_this)->i, 2) ], 2) ] = 0;
#ifdef VAR_RANGES
		logval("pv.rec[w_m[Publisher:i]]", ((int)now.pv.rec[ Index(((int)now.w_m[ Index(((int)((P0 *)_this)->i), 2) ]), 2) ]));
#endif
		;
		/* merge: j = i(403, 395, 403) */
		reached[0][395] = 1;
		(trpt+1)->bup.ovals[2] = ((int)((P0 *)_this)->j);
		((P0 *)_this)->j = ((int)((P0 *)_this)->i);
#ifdef VAR_RANGES
		logval("Publisher:j", ((int)((P0 *)_this)->j));
#endif
		;
		/* merge: .(goto)(0, 404, 403) */
		reached[0][404] = 1;
		;
		_m = 3; goto P999; /* 3 */
	case 272: // STATE 396 - mqc.pml:192 - [(((j+1)<nwin))] (403:0:4 - 1)
		IfNotBlocked
		reached[0][396] = 1;
		if (!(((((int)((P0 *)_this)->j)+1)<((int)now.nwin))))
			continue;
		/* merge: w_m[j] = w_m[(j+1)](403, 397, 403) */
		reached[0][397] = 1;
		(trpt+1)->bup.ovals = grab_ints(4);
		(trpt+1)->bup.ovals[0] = ((int)now.w_m[ Index(((int)((P0 *)_this)->j), 2) ]);
		now.w_m[ Index(((P0 *)_this)->j, 2) ] = ((int)now.w_m[ Index((((int)((P0 *)_this)->j)+1), 2) ]);
#ifdef VAR_RANGES
		logval("w_m[Publisher:j]", ((int)now.w_m[ Index(((int)((P0 *)_this)->j), 2) ]));
#endif
		;
		/* merge: w_id[j] = w_id[(j+1)](403, 398, 403) */
		reached[0][398] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.w_id[ Index(((int)((P0 *)_this)->j), 2) ]);
		now.w_id[ Index(((P0 *)_this)->j, 2) ] = ((int)now.w_id[ Index((((int)((P0 *)_this)->j)+1), 2) ]);
#ifdef VAR_RANGES
		logval("w_id[Publisher:j]", ((int)now.w_id[ Index(((int)((P0 *)_this)->j), 2) ]));
#endif
		;
		/* merge: w_st[j] = w_st[(j+1)](403, 399, 403) */
		reached[0][399] = 1;
		(trpt+1)->bup.ovals[2] = ((int)now.w_st[ Index(((int)((P0 *)_this)->j), 2) ]);
		now.w_st[ Index(((P0 *)_this)->j, 2) ] = ((int)now.w_st[ Index((((int)((P0 *)_this)->j)+1), 2) ]);
#ifdef VAR_RANGES
		logval("w_st[Publisher:j]", ((int)now.w_st[ Index(((int)((P0 *)_this)->j), 2) ]));
#endif
		;
		/* merge: j = (j+1)(403, 400, 403) */
		reached[0][400] = 1;
		(trpt+1)->bup.ovals[3] = ((int)((P0 *)_this)->j);
		((P0 *)_this)->j = (((int)((P0 *)_this)->j)+1);
#ifdef VAR_RANGES
		logval("Publisher:j", ((int)((P0 *)_this)->j));
#endif
		;
		/* merge: .(goto)(0, 404, 403) */
		reached[0][404] = 1;
		;
		_m = 3; goto P999; /* 5 */
	case 273: // STATE 406 - mqc.pml:195 - [nwin = (nwin-1)] (0:444:1 - 3)
		IfNotBlocked
		reached[0][406] = 1;
		(trpt+1)->bup.oval = ((int)now.nwin);
		now.nwin = (((int)now.nwin)-1);
#ifdef VAR_RANGES
		logval("nwin", ((int)now.nwin));
#endif
		;
		/* merge: .(goto)(444, 410, 444) */
		reached[0][410] = 1;
		;
		/* merge: .(goto)(444, 412, 444) */
		reached[0][412] = 1;
		;
		/* merge: .(goto)(0, 445, 444) */
		reached[0][445] = 1;
		;
		_m = 3; goto P999; /* 3 */
	case 274: // STATE 415 - mqc.pml:439 - [((0!=1))] (0:0:0 - 1)
		IfNotBlocked
		reached[0][415] = 1;
		if (!((0!=1)))
			continue;
		_m = 3; goto P999; /* 0 */
	case 275: // STATE 416 - mqc.pml:129 - [i = 0] (0:0:1 - 1)
		IfNotBlocked
		reached[0][416] = 1;
		(trpt+1)->bup.oval = ((int)((P0 *)_this)->i);
		((P0 *)_this)->i = 0;
#ifdef VAR_RANGES
		logval("Publisher:i", ((int)((P0 *)_this)->i));
#endif
		;
		_m = 3; goto P999; /* 0 */
	case 276: // STATE 417 - mqc.pml:129 - [((i<2))] (423:0:3 - 1)
		IfNotBlocked
		reached[0][417] = 1;
		if (!((((int)((P0 *)_this)->i)<2)))
			continue;
		/* merge: pd.rec[i] = pv.rec[i](423, 418, 423) */
		reached[0][418] = 1;
		(trpt+1)->bup.ovals = grab_ints(3);
		(trpt+1)->bup.ovals[0] = ((int)now.pd.rec[ Index(((int)((P0 *)_this)->i), 2) ]);
		now.pd.rec[ Index(((P0 *)_this)->i, 2) ] = ((int)now.pv.rec[ Index(((int)((P0 *)_this)->i), 2) ]);
#ifdef VAR_RANGES
		logval("pd.rec[Publisher:i]", ((int)now.pd.rec[ Index(((int)((P0 *)_this)->i), 2) ]));
#endif
		;
		/* merge: pd.id[i] = pv.id[i](423, 419, 423) */
		reached[0][419] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.pd.id[ Index(((int)((P0 *)_this)->i), 2) ]);
		now.pd.id[ Index(((P0 *)_this)->i, 2) ] = ((int)now.pv.id[ Index(((int)((P0 *)_this)->i), 2) ]);
#ifdef VAR_RANGES
		logval("pd.id[Publisher:i]", ((int)now.pd.id[ Index(((int)((P0 *)_this)->i), 2) ]));
#endif
		;
		/* merge: i = (i+1)(423, 420, 423) */
		reached[0][420] = 1;
		(trpt+1)->bup.ovals[2] = ((int)((P0 *)_this)->i);
		((P0 *)_this)->i = (((int)((P0 *)_this)->i)+1);
#ifdef VAR_RANGES
		logval("Publisher:i", ((int)((P0 *)_this)->i));
#endif
		;
		/* merge: .(goto)(0, 424, 423) */
		reached[0][424] = 1;
		;
		_m = 3; goto P999; /* 4 */
	case 277: // STATE 426 - mqc.pml:129 - [pd.note = pv.note] (0:440:1 - 3)
		IfNotBlocked
		reached[0][426] = 1;
		(trpt+1)->bup.oval = ((int)now.pd.note);
		now.pd.note = ((int)now.pv.note);
#ifdef VAR_RANGES
		logval("pd.note", ((int)now.pd.note));
#endif
		;
		_m = 3; goto P999; /* 0 */
	case 278: // STATE 427 - mqc.pml:129 - [((0!=2))] (435:0:1 - 1)
		IfNotBlocked
		reached[0][427] = 1;
		if (!((0!=2)))
			continue;
		/* merge: i = 0(0, 428, 435) */
		reached[0][428] = 1;
		(trpt+1)->bup.oval = ((int)((P0 *)_this)->i);
		((P0 *)_this)->i = 0;
#ifdef VAR_RANGES
		logval("Publisher:i", ((int)((P0 *)_this)->i));
#endif
		;
		/* merge: .(goto)(0, 436, 435) */
		reached[0][436] = 1;
		;
		_m = 3; goto P999; /* 2 */
	case 279: // STATE 429 - mqc.pml:129 - [((i<2))] (435:0:3 - 1)
		IfNotBlocked
		reached[0][429] = 1;
		if (!((((int)((P0 *)_this)->i)<2)))
			continue;
		/* merge: pf.rec[i] = pd.rec[i](435, 430, 435) */
		reached[0][430] = 1;
		(trpt+1)->bup.ovals = grab_ints(3);
		(trpt+1)->bup.ovals[0] = ((int)now.pf.rec[ Index(((int)((P0 *)_this)->i), 2) ]);
		now.pf.rec[ Index(((P0 *)_this)->i, 2) ] = ((int)now.pd.rec[ Index(((int)((P0 *)_this)->i), 2) ]);
#ifdef VAR_RANGES
		logval("pf.rec[Publisher:i]", ((int)now.pf.rec[ Index(((int)((P0 *)_this)->i), 2) ]));
#endif
		;
		/* merge: pf.id[i] = pd.id[i](435, 431, 435) */
		reached[0][431] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.pf.id[ Index(((int)((P0 *)_this)->i), 2) ]);
		now.pf.id[ Index(((P0 *)_this)->i, 2) ] = ((int)now.pd.id[ Index(((int)((P0 *)_this)->i), 2) ]);
#ifdef VAR_RANGES
		logval("pf.id[Publisher:i]", ((int)now.pf.id[ Index(((int)((P0 *)_this)->i), 2) ]));
#endif
		;
		/* merge: i = (i+1)(435, 432, 435) */
		reached[0][432] = 1;
		(trpt+1)->bup.ovals[2] = ((int)((P0 *)_this)->i);
		((P0 *)_this)->i = (((int)((P0 *)_this)->i)+1);
#ifdef VAR_RANGES
		logval("Publisher:i", ((int)((P0 *)_this)->i));
#endif
		;
		/* merge: .(goto)(0, 436, 435) */
		reached[0][436] = 1;
		;
		_m = 3; goto P999; /* 4 */
	case 280: // STATE 438 - mqc.pml:129 - [pf.note = pd.note] (0:444:1 - 3)
		IfNotBlocked
		reached[0][438] = 1;
		(trpt+1)->bup.oval = ((int)now.pf.note);
		now.pf.note = ((int)now.pd.note);
#ifdef VAR_RANGES
		logval("pf.note", ((int)now.pf.note));
#endif
		;
		/* merge: .(goto)(444, 441, 444) */
		reached[0][441] = 1;
		;
		/* merge: .(goto)(0, 445, 444) */
		reached[0][445] = 1;
		;
		_m = 3; goto P999; /* 2 */
	case 281: // STATE 441 - mqc.pml:129 - [.(goto)] (0:444:0 - 2)
		IfNotBlocked
		reached[0][441] = 1;
		;
		/* merge: .(goto)(0, 445, 444) */
		reached[0][445] = 1;
		;
		_m = 3; goto P999; /* 1 */
	case 282: // STATE 447 - mqc.pml:442 - [-end-] (0:0:0 - 1)
		IfNotBlocked
		reached[0][447] = 1;
		if (!delproc(1, II)) continue;
		_m = 3; goto P999; /* 0 */
	case  _T5:	/* np_ */
		if (!((!(trpt->o_pm&4) && !(trpt->tau&128))))
			continue;
		/* else fall through */
	case  _T2:	/* true */
		_m = 3; goto P999;
#undef rand
	}

