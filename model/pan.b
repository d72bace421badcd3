	switch (t->back) {
	default: Uerror("bad return move");
	case  0: goto R999; /* nothing to undo */

		 /* PROC :init: */
;
		;
		
	case 4: // STATE 2
		;
		;
		delproc(0, now._nr_pr-1);
		;
		goto R999;

	case 5: // STATE 3
		;
		;
		delproc(0, now._nr_pr-1);
		;
		goto R999;

	case 6: // STATE 4
		;
		;
		delproc(0, now._nr_pr-1);
		;
		goto R999;

	case 7: // STATE 5
		;
		;
		delproc(0, now._nr_pr-1);
		;
		goto R999;

	case 8: // STATE 7
		;
		p_restor(II);
		;
		;
		goto R999;

		 /* PROC Final */
;
		;
		;
		;
		;
		;
		;
		;
		
	case 13: // STATE 5
		;
		p_restor(II);
		;
		;
		goto R999;

		 /* PROC Net */

	case 14: // STATE 4
		;
		now.pup = trpt->bup.ovals[1];
		now.losses = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 2);
		goto R999;

	case 15: // STATE 5
		;
		XX = 1;
		unrecv(now.p2b, XX-1, 0, trpt->bup.ovals[0], 1);
		unrecv(now.p2b, XX-1, 1, trpt->bup.ovals[1], 0);
		unrecv(now.p2b, XX-1, 2, trpt->bup.ovals[2], 0);
		unrecv(now.p2b, XX-1, 3, trpt->bup.ovals[3], 0);
		;
		;
		ungrab_ints(trpt->bup.ovals, 4);
		goto R999;
;
		;
		
	case 17: // STATE 11
		;
		XX = 1;
		unrecv(now.b2p, XX-1, 0, trpt->bup.ovals[0], 1);
		unrecv(now.b2p, XX-1, 1, trpt->bup.ovals[1], 0);
		unrecv(now.b2p, XX-1, 2, trpt->bup.ovals[2], 0);
		unrecv(now.b2p, XX-1, 3, trpt->bup.ovals[3], 0);
		;
		;
		ungrab_ints(trpt->bup.ovals, 4);
		goto R999;
;
		
	case 18: // STATE 12
		goto R999;

	case 19: // STATE 21
		;
		now.sup = trpt->bup.ovals[1];
		now.losses = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 2);
		goto R999;

	case 20: // STATE 22
		;
		XX = 1;
		unrecv(now.b2s, XX-1, 0, trpt->bup.ovals[0], 1);
		unrecv(now.b2s, XX-1, 1, trpt->bup.ovals[1], 0);
		unrecv(now.b2s, XX-1, 2, trpt->bup.ovals[2], 0);
		unrecv(now.b2s, XX-1, 3, trpt->bup.ovals[3], 0);
		;
		;
		ungrab_ints(trpt->bup.ovals, 4);
		goto R999;
;
		;
		
	case 22: // STATE 28
		;
		XX = 1;
		unrecv(now.s2b, XX-1, 0, trpt->bup.ovals[0], 1);
		unrecv(now.s2b, XX-1, 1, trpt->bup.ovals[1], 0);
		unrecv(now.s2b, XX-1, 2, trpt->bup.ovals[2], 0);
		unrecv(now.s2b, XX-1, 3, trpt->bup.ovals[3], 0);
		;
		;
		ungrab_ints(trpt->bup.ovals, 4);
		goto R999;
;
		
	case 23: // STATE 29
		goto R999;

	case 24: // STATE 37
		;
		now.pup = trpt->bup.ovals[1];
		now.crashes = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 2);
		goto R999;

	case 25: // STATE 38
		;
		XX = 1;
		unrecv(now.p2b, XX-1, 0, trpt->bup.ovals[0], 1);
		unrecv(now.p2b, XX-1, 1, trpt->bup.ovals[1], 0);
		unrecv(now.p2b, XX-1, 2, trpt->bup.ovals[2], 0);
		unrecv(now.p2b, XX-1, 3, trpt->bup.ovals[3], 0);
		;
		;
		ungrab_ints(trpt->bup.ovals, 4);
		goto R999;
;
		;
		
	case 27: // STATE 44
		;
		XX = 1;
		unrecv(now.b2p, XX-1, 0, trpt->bup.ovals[0], 1);
		unrecv(now.b2p, XX-1, 1, trpt->bup.ovals[1], 0);
		unrecv(now.b2p, XX-1, 2, trpt->bup.ovals[2], 0);
		unrecv(now.b2p, XX-1, 3, trpt->bup.ovals[3], 0);
		;
		;
		ungrab_ints(trpt->bup.ovals, 4);
		goto R999;
;
		
	case 28: // STATE 45
		goto R999;
;
		
	case 29: // STATE 50
		goto R999;

	case 30: // STATE 52
		;
		((P3 *)_this)->i = trpt->bup.oval;
		;
		goto R999;

	case 31: // STATE 56
		;
		((P3 *)_this)->i = trpt->bup.ovals[2];
		now.pv.id[ Index(((P3 *)_this)->i, 2) ] = trpt->bup.ovals[1];
		now.pv.rec[ Index(((P3 *)_this)->i, 2) ] = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 3);
		goto R999;

	case 32: // STATE 77
		;
		((P3 *)_this)->i = trpt->bup.ovals[1];
		now.pv.note = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 2);
		goto R999;

	case 33: // STATE 64
		;
		((P3 *)_this)->i = trpt->bup.oval;
		;
		goto R999;

	case 34: // STATE 68
		;
		((P3 *)_this)->i = trpt->bup.ovals[2];
		now.pv.id[ Index(((P3 *)_this)->i, 2) ] = trpt->bup.ovals[1];
		now.pv.rec[ Index(((P3 *)_this)->i, 2) ] = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 3);
		goto R999;

	case 35: // STATE 77
		;
		((P3 *)_this)->i = trpt->bup.ovals[1];
		now.pv.note = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 2);
		goto R999;

	case 36: // STATE 77
		;
		((P3 *)_this)->i = trpt->bup.oval;
		;
		goto R999;

	case 37: // STATE 81
		;
		((P3 *)_this)->i = trpt->bup.ovals[2];
		now.pd.id[ Index(((P3 *)_this)->i, 2) ] = trpt->bup.ovals[1];
		now.pd.rec[ Index(((P3 *)_this)->i, 2) ] = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 3);
		goto R999;

	case 38: // STATE 88
		;
		((P3 *)_this)->i = trpt->bup.ovals[1];
		now.pd.note = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 2);
		goto R999;

	case 39: // STATE 92
		;
		((P3 *)_this)->i = trpt->bup.ovals[2];
		now.pf.id[ Index(((P3 *)_this)->i, 2) ] = trpt->bup.ovals[1];
		now.pf.rec[ Index(((P3 *)_this)->i, 2) ] = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 3);
		goto R999;

	case 40: // STATE 103
		;
		((P3 *)_this)->i = trpt->bup.ovals[5];
		now.p_ever = trpt->bup.ovals[4];
		now.qhd = trpt->bup.ovals[3];
		now.nwin = trpt->bup.ovals[2];
		now.acc = trpt->bup.ovals[1];
		now.pf.note = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 6);
		goto R999;
;
		;
		
	case 42: // STATE 122
		;
		((P3 *)_this)->i = trpt->bup.ovals[6];
		now.p_ever = trpt->bup.ovals[5];
		now.next_id = trpt->bup.ovals[4];
		now.nwin = trpt->bup.ovals[3];
		now.w_st[ Index(now.nwin, 2) ] = trpt->bup.ovals[2];
		now.w_id[ Index(now.nwin, 2) ] = trpt->bup.ovals[1];
		now.w_m[ Index(now.nwin, 2) ] = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 7);
		goto R999;
;
		;
		
	case 44: // STATE 122
		;
		((P3 *)_this)->i = trpt->bup.ovals[2];
		now.p_ever = trpt->bup.ovals[1];
		now.qhd = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 3);
		goto R999;

	case 45: // STATE 122
		;
		((P3 *)_this)->i = trpt->bup.ovals[1];
		now.p_ever = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 2);
		goto R999;

	case 46: // STATE 122
		;
		((P3 *)_this)->i = trpt->bup.oval;
		;
		goto R999;

	case 47: // STATE 131
		;
		now.sup = trpt->bup.ovals[1];
		now.crashes = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 2);
		goto R999;

	case 48: // STATE 132
		;
		XX = 1;
		unrecv(now.b2s, XX-1, 0, trpt->bup.ovals[0], 1);
		unrecv(now.b2s, XX-1, 1, trpt->bup.ovals[1], 0);
		unrecv(now.b2s, XX-1, 2, trpt->bup.ovals[2], 0);
		unrecv(now.b2s, XX-1, 3, trpt->bup.ovals[3], 0);
		;
		;
		ungrab_ints(trpt->bup.ovals, 4);
		goto R999;
;
		;
		
	case 50: // STATE 138
		;
		XX = 1;
		unrecv(now.s2b, XX-1, 0, trpt->bup.ovals[0], 1);
		unrecv(now.s2b, XX-1, 1, trpt->bup.ovals[1], 0);
		unrecv(now.s2b, XX-1, 2, trpt->bup.ovals[2], 0);
		unrecv(now.s2b, XX-1, 3, trpt->bup.ovals[3], 0);
		;
		;
		ungrab_ints(trpt->bup.ovals, 4);
		goto R999;
;
		
	case 51: // STATE 139
		goto R999;
;
		
	case 52: // STATE 144
		goto R999;

	case 53: // STATE 146
		;
		((P3 *)_this)->i = trpt->bup.oval;
		;
		goto R999;

	case 54: // STATE 149
		;
		((P3 *)_this)->i = trpt->bup.ovals[1];
		now.sv.held[ Index(((P3 *)_this)->i, 4) ] = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 2);
		goto R999;

	case 55: // STATE 155
		;
		((P3 *)_this)->i = trpt->bup.oval;
		;
		goto R999;

	case 56: // STATE 158
		;
		((P3 *)_this)->i = trpt->bup.ovals[1];
		now.sv.del[ Index(((P3 *)_this)->i, 2) ] = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 2);
		goto R999;

	case 57: // STATE 165
		;
		((P3 *)_this)->i = trpt->bup.oval;
		;
		goto R999;

	case 58: // STATE 168
		;
		((P3 *)_this)->i = trpt->bup.ovals[1];
		now.sv.held[ Index(((P3 *)_this)->i, 4) ] = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 2);
		goto R999;

	case 59: // STATE 174
		;
		((P3 *)_this)->i = trpt->bup.oval;
		;
		goto R999;

	case 60: // STATE 177
		;
		((P3 *)_this)->i = trpt->bup.ovals[1];
		now.sv.del[ Index(((P3 *)_this)->i, 2) ] = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 2);
		goto R999;

	case 61: // STATE 185
		;
		((P3 *)_this)->i = trpt->bup.oval;
		;
		goto R999;

	case 62: // STATE 188
		;
		((P3 *)_this)->i = trpt->bup.ovals[1];
		now.sd.held[ Index(((P3 *)_this)->i, 4) ] = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 2);
		goto R999;

	case 63: // STATE 194
		;
		((P3 *)_this)->i = trpt->bup.oval;
		;
		goto R999;

	case 64: // STATE 197
		;
		((P3 *)_this)->i = trpt->bup.ovals[1];
		now.sd.del[ Index(((P3 *)_this)->i, 2) ] = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 2);
		goto R999;

	case 65: // STATE 203
		;
		((P3 *)_this)->i = trpt->bup.oval;
		;
		goto R999;

	case 66: // STATE 206
		;
		((P3 *)_this)->i = trpt->bup.ovals[1];
		now.sf.held[ Index(((P3 *)_this)->i, 4) ] = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 2);
		goto R999;

	case 67: // STATE 212
		;
		((P3 *)_this)->i = trpt->bup.oval;
		;
		goto R999;

	case 68: // STATE 215
		;
		((P3 *)_this)->i = trpt->bup.ovals[1];
		now.sf.del[ Index(((P3 *)_this)->i, 2) ] = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 2);
		goto R999;

	case 69: // STATE 224
		;
		((P3 *)_this)->i = trpt->bup.ovals[3];
		now.ndistinct = trpt->bup.ovals[2];
		now.s_ever = trpt->bup.ovals[1];
		now.nin = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 4);
		goto R999;

	case 70: // STATE 226
		;
		now.delivered[ Index(((P3 *)_this)->i, 2) ] = trpt->bup.oval;
		;
		goto R999;

	case 71: // STATE 232
		;
		((P3 *)_this)->i = trpt->bup.ovals[1];
		now.ndistinct = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 2);
		goto R999;

	case 72: // STATE 232
		;
		((P3 *)_this)->i = trpt->bup.oval;
		;
		goto R999;

	case 73: // STATE 238
		;
		((P3 *)_this)->i = trpt->bup.oval;
		;
		goto R999;
;
		;
		
	case 75: // STATE 249
		;
		((P3 *)_this)->i = trpt->bup.ovals[5];
		now.s_ever = trpt->bup.ovals[4];
		now.nin = trpt->bup.ovals[3];
		now.in_st[ Index(now.nin, 4) ] = trpt->bup.ovals[2];
		now.in_q[ Index(now.nin, 4) ] = trpt->bup.ovals[1];
		now.in_id[ Index(now.nin, 4) ] = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 6);
		goto R999;

	case 76: // STATE 249
		;
		((P3 *)_this)->i = trpt->bup.oval;
		;
		goto R999;

	case 77: // STATE 259
		;
		p_restor(II);
		;
		;
		goto R999;

		 /* PROC Broker */

	case 78: // STATE 1
		;
	/* 0 */	((P2 *)_this)->d = trpt->bup.ovals[4];
		XX = 1;
		unrecv(now.p2b, XX-1, 0, ((P2 *)_this)->t, 1);
		unrecv(now.p2b, XX-1, 1, ((int)((P2 *)_this)->id), 0);
		unrecv(now.p2b, XX-1, 2, ((int)((P2 *)_this)->m), 0);
		unrecv(now.p2b, XX-1, 3, ((int)((P2 *)_this)->d), 0);
		((P2 *)_this)->t = trpt->bup.ovals[0];
		((P2 *)_this)->id = trpt->bup.ovals[1];
		((P2 *)_this)->m = trpt->bup.ovals[2];
		((P2 *)_this)->d = trpt->bup.ovals[3];
		;
		;
		ungrab_ints(trpt->bup.ovals, 5);
		goto R999;

	case 79: // STATE 2
		;
	/* 0 */	((P2 *)_this)->t = trpt->bup.oval;
		;
		;
		goto R999;

	case 80: // STATE 5
		;
		now.bql = trpt->bup.ovals[1];
		now.bq[ Index(((now.bqh+now.bql)%((2*2)+1)), 5) ] = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 2);
		goto R999;

	case 81: // STATE 8
		;
		_m = unsend(now.b2p);
		;
		goto R999;

	case 82: // STATE 9
		;
	/* 0 */	((P2 *)_this)->t = trpt->bup.oval;
		;
		;
		goto R999;
;
		
	case 83: // STATE 10
		goto R999;

	case 84: // STATE 14
		;
		now.brel_m[ Index(((P2 *)_this)->id, 4) ] = trpt->bup.ovals[1];
		now.brel[ Index(((P2 *)_this)->id, 4) ] = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 2);
		goto R999;

	case 85: // STATE 17
		;
		now.bql = trpt->bup.ovals[1];
		now.bq[ Index(((now.bqh+now.bql)%((2*2)+1)), 5) ] = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 2);
		goto R999;
;
		
	case 86: // STATE 21
		goto R999;

	case 87: // STATE 22
		;
		_m = unsend(now.b2p);
		;
		goto R999;

	case 88: // STATE 24
		;
		now.brel[ Index(((P2 *)_this)->id, 4) ] = trpt->bup.ovals[1];
	/* 0 */	((P2 *)_this)->t = trpt->bup.ovals[0];
		;
		;
		ungrab_ints(trpt->bup.ovals, 2);
		goto R999;

	case 89: // STATE 26
		;
		_m = unsend(now.b2p);
		;
		goto R999;
;
		;
		;
		;
		
	case 92: // STATE 33
		;
		((P2 *)_this)->j = trpt->bup.ovals[1];
		now.bnext = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 2);
		goto R999;

	case 93: // STATE 35
		;
		((P2 *)_this)->j = trpt->bup.oval;
		;
		goto R999;

	case 94: // STATE 54
		;
		now.bql = trpt->bup.ovals[6];
		now.bqh = trpt->bup.ovals[5];
		now.nbw = trpt->bup.ovals[4];
		now.bw_st[ Index(now.nbw, 2) ] = trpt->bup.ovals[3];
		now.bw_id[ Index(now.nbw, 2) ] = trpt->bup.ovals[2];
		now.bw_m[ Index(now.nbw, 2) ] = trpt->bup.ovals[1];
	/* 0 */	((P2 *)_this)->j = trpt->bup.ovals[0];
		;
		;
		ungrab_ints(trpt->bup.ovals, 7);
		goto R999;

	case 95: // STATE 54
		;
		now.bql = trpt->bup.ovals[5];
		now.bqh = trpt->bup.ovals[4];
		now.nbw = trpt->bup.ovals[3];
		now.bw_st[ Index(now.nbw, 2) ] = trpt->bup.ovals[2];
		now.bw_id[ Index(now.nbw, 2) ] = trpt->bup.ovals[1];
		now.bw_m[ Index(now.nbw, 2) ] = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 6);
		goto R999;

	case 96: // STATE 61
		;
		((P2 *)_this)->i = trpt->bup.oval;
		;
		goto R999;

	case 97: // STATE 63
		;
		((P2 *)_this)->i = trpt->bup.oval;
		;
		goto R999;
;
		
	case 98: // STATE 69
		goto R999;

	case 99: // STATE 71
		;
		_m = unsend(now.b2s);
		;
		goto R999;
;
		
	case 100: // STATE 72
		goto R999;

	case 101: // STATE 75
		;
		now.bw_st[ Index(((P2 *)_this)->i, 2) ] = trpt->bup.oval;
		_m = unsend(now.b2s);
		;
		goto R999;

	case 102: // STATE 80
		;
		now.bw_st[ Index(((P2 *)_this)->i, 2) ] = trpt->bup.oval;
		;
		goto R999;
;
		
	case 103: // STATE 83
		goto R999;

	case 104: // STATE 86
		;
		((P2 *)_this)->i = trpt->bup.ovals[6];
	/* 1 */	((P2 *)_this)->d = trpt->bup.ovals[5];
	/* 0 */	((P2 *)_this)->m = trpt->bup.ovals[4];
		XX = 1;
		unrecv(now.s2b, XX-1, 0, ((P2 *)_this)->t, 1);
		unrecv(now.s2b, XX-1, 1, ((int)((P2 *)_this)->id), 0);
		unrecv(now.s2b, XX-1, 2, ((int)((P2 *)_this)->m), 0);
		unrecv(now.s2b, XX-1, 3, ((int)((P2 *)_this)->d), 0);
		((P2 *)_this)->t = trpt->bup.ovals[0];
		((P2 *)_this)->id = trpt->bup.ovals[1];
		((P2 *)_this)->m = trpt->bup.ovals[2];
		((P2 *)_this)->d = trpt->bup.ovals[3];
		;
		;
		ungrab_ints(trpt->bup.ovals, 7);
		goto R999;

	case 105: // STATE 88
		;
		((P2 *)_this)->i = trpt->bup.oval;
		;
		goto R999;

	case 106: // STATE 95
		;
		now.bw_st[ Index(((P2 *)_this)->i, 2) ] = trpt->bup.ovals[1];
	/* 0 */	((P2 *)_this)->t = trpt->bup.ovals[0];
		;
		;
		ungrab_ints(trpt->bup.ovals, 2);
		goto R999;
;
		
	case 107: // STATE 111
		goto R999;

	case 108: // STATE 97
		;
		((P2 *)_this)->j = trpt->bup.ovals[1];
	/* 0 */	((P2 *)_this)->t = trpt->bup.ovals[0];
		;
		;
		ungrab_ints(trpt->bup.ovals, 2);
		goto R999;

	case 109: // STATE 102
		;
		((P2 *)_this)->j = trpt->bup.ovals[3];
		now.bw_st[ Index(((P2 *)_this)->j, 2) ] = trpt->bup.ovals[2];
		now.bw_id[ Index(((P2 *)_this)->j, 2) ] = trpt->bup.ovals[1];
		now.bw_m[ Index(((P2 *)_this)->j, 2) ] = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 4);
		goto R999;

	case 110: // STATE 108
		;
		now.nbw = trpt->bup.oval;
		;
		goto R999;

	case 111: // STATE 116
		;
		p_restor(II);
		;
		;
		goto R999;

		 /* PROC Subscriber */

	case 112: // STATE 3
		;
		now.bs_has = trpt->bup.ovals[1];
		((P1 *)_this)->sp = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 2);
		goto R999;
;
		;
		
	case 114: // STATE 7
		;
		((P1 *)_this)->i = trpt->bup.ovals[2];
		now.nin = trpt->bup.ovals[1];
	/* 0 */	((P1 *)_this)->sp = trpt->bup.ovals[0];
		;
		;
		ungrab_ints(trpt->bup.ovals, 3);
		goto R999;

	case 115: // STATE 10
		;
		((P1 *)_this)->i = trpt->bup.ovals[1];
		now.sv.held[ Index(((P1 *)_this)->i, 4) ] = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 2);
		goto R999;

	case 116: // STATE 21
		;
		((P1 *)_this)->i = trpt->bup.ovals[1];
		now.s_ever = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 2);
		goto R999;

	case 117: // STATE 24
		;
		((P1 *)_this)->i = trpt->bup.ovals[1];
		now.bw_st[ Index(((P1 *)_this)->i, 2) ] = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 2);
		goto R999;

	case 118: // STATE 30
		;
		now.sup = trpt->bup.oval;
		;
		goto R999;
;
		;
		
	case 120: // STATE 33
		;
		((P1 *)_this)->i = trpt->bup.oval;
		;
		goto R999;

	case 121: // STATE 36
		;
		((P1 *)_this)->i = trpt->bup.ovals[1];
		now.sd.held[ Index(((P1 *)_this)->i, 4) ] = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 2);
		goto R999;

	case 122: // STATE 42
		;
		((P1 *)_this)->i = trpt->bup.oval;
		;
		goto R999;

	case 123: // STATE 45
		;
		((P1 *)_this)->i = trpt->bup.ovals[1];
		now.sd.del[ Index(((P1 *)_this)->i, 2) ] = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 2);
		goto R999;

	case 124: // STATE 52
		;
		((P1 *)_this)->i = trpt->bup.oval;
		;
		goto R999;

	case 125: // STATE 55
		;
		((P1 *)_this)->i = trpt->bup.ovals[1];
		now.sf.held[ Index(((P1 *)_this)->i, 4) ] = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 2);
		goto R999;

	case 126: // STATE 61
		;
		((P1 *)_this)->i = trpt->bup.oval;
		;
		goto R999;

	case 127: // STATE 64
		;
		((P1 *)_this)->i = trpt->bup.ovals[1];
		now.sf.del[ Index(((P1 *)_this)->i, 2) ] = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 2);
		goto R999;

	case 128: // STATE 74
		;
		((P1 *)_this)->i = trpt->bup.oval;
		;
		goto R999;
;
		
	case 129: // STATE 75
		goto R999;

	case 130: // STATE 78
		;
		_m = unsend(now.s2b);
		;
		goto R999;

	case 131: // STATE 79
		;
		((P1 *)_this)->j = trpt->bup.oval;
		;
		goto R999;

	case 132: // STATE 84
		;
		((P1 *)_this)->j = trpt->bup.ovals[3];
		now.in_q[ Index(((P1 *)_this)->j, 4) ] = trpt->bup.ovals[2];
		now.in_st[ Index(((P1 *)_this)->j, 4) ] = trpt->bup.ovals[1];
		now.in_id[ Index(((P1 *)_this)->j, 4) ] = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 4);
		goto R999;

	case 133: // STATE 90
		;
		now.nin = trpt->bup.oval;
		;
		goto R999;
;
		
	case 134: // STATE 92
		goto R999;

	case 135: // STATE 95
		;
		_m = unsend(now.s2b);
		;
		goto R999;

	case 136: // STATE 96
		;
		((P1 *)_this)->j = trpt->bup.oval;
		;
		goto R999;

	case 137: // STATE 101
		;
		((P1 *)_this)->j = trpt->bup.ovals[3];
		now.in_q[ Index(((P1 *)_this)->j, 4) ] = trpt->bup.ovals[2];
		now.in_st[ Index(((P1 *)_this)->j, 4) ] = trpt->bup.ovals[1];
		now.in_id[ Index(((P1 *)_this)->j, 4) ] = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 4);
		goto R999;

	case 138: // STATE 107
		;
		now.nin = trpt->bup.oval;
		;
		goto R999;
;
		
	case 139: // STATE 109
		goto R999;

	case 140: // STATE 114
		;
		((P1 *)_this)->i = trpt->bup.ovals[1];
		now.in_st[ Index(((P1 *)_this)->i, 4) ] = trpt->bup.ovals[0];
		_m = unsend(now.s2b);
		;
		ungrab_ints(trpt->bup.ovals, 2);
		goto R999;

	case 141: // STATE 116
		;
		((P1 *)_this)->i = trpt->bup.oval;
		;
		goto R999;
;
		;
		
	case 143: // STATE 125
		;
		XX = 1;
		unrecv(now.b2s, XX-1, 0, ((P1 *)_this)->t, 1);
		unrecv(now.b2s, XX-1, 1, ((int)((P1 *)_this)->id), 0);
		unrecv(now.b2s, XX-1, 2, ((int)((P1 *)_this)->m), 0);
		unrecv(now.b2s, XX-1, 3, ((int)((P1 *)_this)->d), 0);
		((P1 *)_this)->t = trpt->bup.ovals[0];
		((P1 *)_this)->id = trpt->bup.ovals[1];
		((P1 *)_this)->m = trpt->bup.ovals[2];
		((P1 *)_this)->d = trpt->bup.ovals[3];
		;
		;
		ungrab_ints(trpt->bup.ovals, 4);
		goto R999;

	case 144: // STATE 126
		;
	/* 0 */	((P1 *)_this)->t = trpt->bup.oval;
		;
		;
		goto R999;
;
		;
		
	case 146: // STATE 128
		;
		((P1 *)_this)->i = trpt->bup.oval;
		;
		goto R999;

	case 147: // STATE 130
		;
		((P1 *)_this)->i = trpt->bup.oval;
		;
		goto R999;
;
		;
		
	case 149: // STATE 139
		;
		now.in_st[ Index(((P1 *)_this)->i, 4) ] = trpt->bup.oval;
		;
		goto R999;
;
		
	case 150: // STATE 166
		goto R999;

	case 151: // STATE 148
		;
		now.nin = trpt->bup.ovals[3];
		now.in_st[ Index(now.nin, 4) ] = trpt->bup.ovals[2];
		now.in_q[ Index(now.nin, 4) ] = trpt->bup.ovals[1];
		now.in_id[ Index(now.nin, 4) ] = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 4);
		goto R999;
;
		
	case 152: // STATE 149
		goto R999;

	case 153: // STATE 159
		;
		now.in_st[ Index(((P1 *)_this)->i, 4) ] = trpt->bup.ovals[3];
		now.sv.del[ Index(((P1 *)_this)->m, 2) ] = trpt->bup.ovals[2];
		now.delivered[ Index(((P1 *)_this)->m, 2) ] = trpt->bup.ovals[1];
		now.ndistinct = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 4);
		goto R999;

	case 154: // STATE 159
		;
		now.in_st[ Index(((P1 *)_this)->i, 4) ] = trpt->bup.ovals[2];
		now.sv.del[ Index(((P1 *)_this)->m, 2) ] = trpt->bup.ovals[1];
		now.delivered[ Index(((P1 *)_this)->m, 2) ] = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 3);
		goto R999;

	case 155: // STATE 161
		;
		now.sv.held[ Index(((P1 *)_this)->id, 4) ] = trpt->bup.oval;
		;
		goto R999;
;
		
	case 156: // STATE 193
		goto R999;
;
		;
		
	case 158: // STATE 170
		;
		((P1 *)_this)->i = trpt->bup.oval;
		;
		goto R999;

	case 159: // STATE 172
		;
		((P1 *)_this)->i = trpt->bup.oval;
		;
		goto R999;

	case 160: // STATE 184
		;
		now.nin = trpt->bup.ovals[4];
		now.in_st[ Index(now.nin, 4) ] = trpt->bup.ovals[3];
		now.in_q[ Index(now.nin, 4) ] = trpt->bup.ovals[2];
		now.in_id[ Index(now.nin, 4) ] = trpt->bup.ovals[1];
	/* 0 */	((P1 *)_this)->i = trpt->bup.ovals[0];
		;
		;
		ungrab_ints(trpt->bup.ovals, 5);
		goto R999;
;
		
	case 161: // STATE 190
		goto R999;

	case 162: // STATE 188
		;
		now.sv.held[ Index(((P1 *)_this)->id, 4) ] = trpt->bup.ovals[1];
		now.in_st[ Index(((P1 *)_this)->i, 4) ] = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 2);
		goto R999;
;
		;
		
	case 164: // STATE 196
		;
		((P1 *)_this)->i = trpt->bup.oval;
		;
		goto R999;

	case 165: // STATE 199
		;
		((P1 *)_this)->i = trpt->bup.ovals[1];
		now.sd.held[ Index(((P1 *)_this)->i, 4) ] = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 2);
		goto R999;

	case 166: // STATE 205
		;
		((P1 *)_this)->i = trpt->bup.oval;
		;
		goto R999;

	case 167: // STATE 208
		;
		((P1 *)_this)->i = trpt->bup.ovals[1];
		now.sd.del[ Index(((P1 *)_this)->i, 2) ] = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 2);
		goto R999;

	case 168: // STATE 215
		;
		((P1 *)_this)->i = trpt->bup.oval;
		;
		goto R999;

	case 169: // STATE 218
		;
		((P1 *)_this)->i = trpt->bup.ovals[1];
		now.sf.held[ Index(((P1 *)_this)->i, 4) ] = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 2);
		goto R999;

	case 170: // STATE 224
		;
		((P1 *)_this)->i = trpt->bup.oval;
		;
		goto R999;

	case 171: // STATE 227
		;
		((P1 *)_this)->i = trpt->bup.ovals[1];
		now.sf.del[ Index(((P1 *)_this)->i, 2) ] = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 2);
		goto R999;

	case 172: // STATE 241
		;
		p_restor(II);
		;
		;
		goto R999;

		 /* PROC Publisher */
;
		;
		
	case 174: // STATE 6
		;
		now.acc = trpt->bup.ovals[2];
		now.pv.note = trpt->bup.ovals[1];
		now.pv.rec[ Index(now.acc, 2) ] = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 3);
		goto R999;
;
		;
		
	case 176: // STATE 8
		;
		((P0 *)_this)->i = trpt->bup.oval;
		;
		goto R999;

	case 177: // STATE 12
		;
		((P0 *)_this)->i = trpt->bup.ovals[2];
		now.pd.id[ Index(((P0 *)_this)->i, 2) ] = trpt->bup.ovals[1];
		now.pd.rec[ Index(((P0 *)_this)->i, 2) ] = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 3);
		goto R999;

	case 178: // STATE 18
		;
		now.pd.note = trpt->bup.oval;
		;
		goto R999;

	case 179: // STATE 20
		;
		((P0 *)_this)->i = trpt->bup.oval;
		;
		goto R999;

	case 180: // STATE 24
		;
		((P0 *)_this)->i = trpt->bup.ovals[2];
		now.pf.id[ Index(((P0 *)_this)->i, 2) ] = trpt->bup.ovals[1];
		now.pf.rec[ Index(((P0 *)_this)->i, 2) ] = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 3);
		goto R999;

	case 181: // STATE 30
		;
		now.pf.note = trpt->bup.oval;
		;
		goto R999;
;
		;
		
	case 183: // STATE 40
		;
		((P0 *)_this)->k = trpt->bup.ovals[1];
		((P0 *)_this)->id = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 2);
		goto R999;

	case 184: // STATE 44
		;
		((P0 *)_this)->j = trpt->bup.ovals[2];
		now.next_id = trpt->bup.ovals[1];
		((P0 *)_this)->id = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 3);
		goto R999;

	case 185: // STATE 46
		;
		((P0 *)_this)->j = trpt->bup.oval;
		;
		goto R999;

	case 186: // STATE 72
		;
		now.qhd = trpt->bup.ovals[7];
		now.pv.id[ Index(now.qhd, 2) ] = trpt->bup.ovals[6];
		now.pv.rec[ Index(now.qhd, 2) ] = trpt->bup.ovals[5];
		now.nwin = trpt->bup.ovals[4];
		now.w_st[ Index(now.nwin, 2) ] = trpt->bup.ovals[3];
		now.w_id[ Index(now.nwin, 2) ] = trpt->bup.ovals[2];
		now.w_m[ Index(now.nwin, 2) ] = trpt->bup.ovals[1];
	/* 0 */	((P0 *)_this)->j = trpt->bup.ovals[0];
		;
		;
		ungrab_ints(trpt->bup.ovals, 8);
		goto R999;

	case 187: // STATE 56
		;
		((P0 *)_this)->k = trpt->bup.ovals[1];
		((P0 *)_this)->id = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 2);
		goto R999;

	case 188: // STATE 72
		;
		now.qhd = trpt->bup.ovals[6];
		now.pv.id[ Index(now.qhd, 2) ] = trpt->bup.ovals[5];
		now.pv.rec[ Index(now.qhd, 2) ] = trpt->bup.ovals[4];
		now.nwin = trpt->bup.ovals[3];
		now.w_st[ Index(now.nwin, 2) ] = trpt->bup.ovals[2];
		now.w_id[ Index(now.nwin, 2) ] = trpt->bup.ovals[1];
		now.w_m[ Index(now.nwin, 2) ] = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 7);
		goto R999;
;
		
	case 189: // STATE 82
		goto R999;
;
		
	case 190: // STATE 80
		goto R999;

	case 191: // STATE 87
		;
		now.bp_has = trpt->bup.ovals[1];
		((P0 *)_this)->sp = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 2);
		goto R999;
;
		;
		
	case 193: // STATE 90
		;
		((P0 *)_this)->i = trpt->bup.ovals[1];
	/* 0 */	((P0 *)_this)->sp = trpt->bup.ovals[0];
		;
		;
		ungrab_ints(trpt->bup.ovals, 2);
		goto R999;

	case 194: // STATE 93
		;
		((P0 *)_this)->i = trpt->bup.ovals[1];
		now.w_st[ Index(((P0 *)_this)->i, 2) ] = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 2);
		goto R999;

	case 195: // STATE 101
		;
		((P0 *)_this)->k = trpt->bup.ovals[2];
		((P0 *)_this)->i = trpt->bup.ovals[1];
	/* 0 */	((P0 *)_this)->sp = trpt->bup.ovals[0];
		;
		;
		ungrab_ints(trpt->bup.ovals, 3);
		goto R999;
;
		;
		;
		;
		;
		;
		
	case 199: // STATE 113
		;
		((P0 *)_this)->j = trpt->bup.ovals[3];
		now.pv.rec[ Index(now.w_m[ Index(((P0 *)_this)->i, 2) ], 2) ] = trpt->bup.ovals[2];
		now.outcome[ Index(now.w_m[ Index(((P0 *)_this)->i, 2) ], 2) ] = trpt->bup.ovals[1];
		now.ndone = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 4);
		goto R999;

	case 200: // STATE 113
		;
		((P0 *)_this)->j = trpt->bup.ovals[2];
		now.pv.rec[ Index(now.w_m[ Index(((P0 *)_this)->i, 2) ], 2) ] = trpt->bup.ovals[1];
		now.outcome[ Index(now.w_m[ Index(((P0 *)_this)->i, 2) ], 2) ] = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 3);
		goto R999;

	case 201: // STATE 118
		;
		((P0 *)_this)->j = trpt->bup.ovals[3];
		now.w_st[ Index(((P0 *)_this)->j, 2) ] = trpt->bup.ovals[2];
		now.w_id[ Index(((P0 *)_this)->j, 2) ] = trpt->bup.ovals[1];
		now.w_m[ Index(((P0 *)_this)->j, 2) ] = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 4);
		goto R999;

	case 202: // STATE 155
		;
		((P0 *)_this)->k = trpt->bup.ovals[1];
		now.nwin = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 2);
		goto R999;
;
		;
		;
		;
		
	case 205: // STATE 136
		;
		((P0 *)_this)->j = trpt->bup.ovals[3];
		now.pv.rec[ Index(now.w_m[ Index(((P0 *)_this)->i, 2) ], 2) ] = trpt->bup.ovals[2];
		now.outcome[ Index(now.w_m[ Index(((P0 *)_this)->i, 2) ], 2) ] = trpt->bup.ovals[1];
		now.ndone = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 4);
		goto R999;

	case 206: // STATE 136
		;
		((P0 *)_this)->j = trpt->bup.ovals[2];
		now.pv.rec[ Index(now.w_m[ Index(((P0 *)_this)->i, 2) ], 2) ] = trpt->bup.ovals[1];
		now.outcome[ Index(now.w_m[ Index(((P0 *)_this)->i, 2) ], 2) ] = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 3);
		goto R999;

	case 207: // STATE 141
		;
		((P0 *)_this)->j = trpt->bup.ovals[3];
		now.w_st[ Index(((P0 *)_this)->j, 2) ] = trpt->bup.ovals[2];
		now.w_id[ Index(((P0 *)_this)->j, 2) ] = trpt->bup.ovals[1];
		now.w_m[ Index(((P0 *)_this)->j, 2) ] = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 4);
		goto R999;

	case 208: // STATE 155
		;
		((P0 *)_this)->k = trpt->bup.ovals[1];
		now.nwin = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 2);
		goto R999;

	case 209: // STATE 155
		;
		((P0 *)_this)->k = trpt->bup.ovals[3];
		((P0 *)_this)->i = trpt->bup.ovals[2];
		now.w_id[ Index(((P0 *)_this)->i, 2) ] = trpt->bup.ovals[1];
		now.w_st[ Index(((P0 *)_this)->i, 2) ] = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 4);
		goto R999;

	case 210: // STATE 155
		;
		((P0 *)_this)->k = trpt->bup.oval;
		;
		goto R999;

	case 211: // STATE 161
		;
		((P0 *)_this)->l = trpt->bup.oval;
		;
		goto R999;
;
		;
		
	case 213: // STATE 164
		;
		((P0 *)_this)->k = trpt->bup.ovals[1];
		((P0 *)_this)->id = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 2);
		goto R999;

	case 214: // STATE 168
		;
		((P0 *)_this)->j = trpt->bup.ovals[2];
		now.next_id = trpt->bup.ovals[1];
		((P0 *)_this)->id = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 3);
		goto R999;

	case 215: // STATE 170
		;
		((P0 *)_this)->j = trpt->bup.oval;
		;
		goto R999;

	case 216: // STATE 191
		;
		((P0 *)_this)->l = trpt->bup.ovals[3];
		now.pv.id[ Index(now.w_m[ Index(((P0 *)_this)->l, 2) ], 2) ] = trpt->bup.ovals[2];
		now.w_id[ Index(((P0 *)_this)->l, 2) ] = trpt->bup.ovals[1];
	/* 0 */	((P0 *)_this)->j = trpt->bup.ovals[0];
		;
		;
		ungrab_ints(trpt->bup.ovals, 4);
		goto R999;

	case 217: // STATE 180
		;
		((P0 *)_this)->k = trpt->bup.ovals[1];
		((P0 *)_this)->id = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 2);
		goto R999;

	case 218: // STATE 191
		;
		((P0 *)_this)->l = trpt->bup.ovals[2];
		now.pv.id[ Index(now.w_m[ Index(((P0 *)_this)->l, 2) ], 2) ] = trpt->bup.ovals[1];
		now.w_id[ Index(((P0 *)_this)->l, 2) ] = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 3);
		goto R999;

	case 219: // STATE 200
		;
		now.p_ever = trpt->bup.oval;
		;
		goto R999;
;
		;
		
	case 221: // STATE 203
		;
		((P0 *)_this)->k = trpt->bup.ovals[1];
		((P0 *)_this)->id = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 2);
		goto R999;

	case 222: // STATE 207
		;
		((P0 *)_this)->j = trpt->bup.ovals[2];
		now.next_id = trpt->bup.ovals[1];
		((P0 *)_this)->id = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 3);
		goto R999;

	case 223: // STATE 209
		;
		((P0 *)_this)->j = trpt->bup.oval;
		;
		goto R999;

	case 224: // STATE 235
		;
		now.qhd = trpt->bup.ovals[7];
		now.pv.id[ Index(now.qhd, 2) ] = trpt->bup.ovals[6];
		now.pv.rec[ Index(now.qhd, 2) ] = trpt->bup.ovals[5];
		now.nwin = trpt->bup.ovals[4];
		now.w_st[ Index(now.nwin, 2) ] = trpt->bup.ovals[3];
		now.w_id[ Index(now.nwin, 2) ] = trpt->bup.ovals[2];
		now.w_m[ Index(now.nwin, 2) ] = trpt->bup.ovals[1];
	/* 0 */	((P0 *)_this)->j = trpt->bup.ovals[0];
		;
		;
		ungrab_ints(trpt->bup.ovals, 8);
		goto R999;

	case 225: // STATE 219
		;
		((P0 *)_this)->k = trpt->bup.ovals[1];
		((P0 *)_this)->id = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 2);
		goto R999;

	case 226: // STATE 235
		;
		now.qhd = trpt->bup.ovals[6];
		now.pv.id[ Index(now.qhd, 2) ] = trpt->bup.ovals[5];
		now.pv.rec[ Index(now.qhd, 2) ] = trpt->bup.ovals[4];
		now.nwin = trpt->bup.ovals[3];
		now.w_st[ Index(now.nwin, 2) ] = trpt->bup.ovals[2];
		now.w_id[ Index(now.nwin, 2) ] = trpt->bup.ovals[1];
		now.w_m[ Index(now.nwin, 2) ] = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 7);
		goto R999;

	case 227: // STATE 243
		;
		now.pup = trpt->bup.oval;
		;
		goto R999;
;
		;
		
	case 229: // STATE 246
		;
		((P0 *)_this)->i = trpt->bup.oval;
		;
		goto R999;

	case 230: // STATE 250
		;
		((P0 *)_this)->i = trpt->bup.ovals[2];
		now.pd.id[ Index(((P0 *)_this)->i, 2) ] = trpt->bup.ovals[1];
		now.pd.rec[ Index(((P0 *)_this)->i, 2) ] = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 3);
		goto R999;

	case 231: // STATE 256
		;
		now.pd.note = trpt->bup.oval;
		;
		goto R999;

	case 232: // STATE 258
		;
		((P0 *)_this)->i = trpt->bup.oval;
		;
		goto R999;

	case 233: // STATE 262
		;
		((P0 *)_this)->i = trpt->bup.ovals[2];
		now.pf.id[ Index(((P0 *)_this)->i, 2) ] = trpt->bup.ovals[1];
		now.pf.rec[ Index(((P0 *)_this)->i, 2) ] = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 3);
		goto R999;

	case 234: // STATE 273
		;
		((P0 *)_this)->i = trpt->bup.ovals[1];
		now.pf.note = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 2);
		goto R999;

	case 235: // STATE 273
		;
		((P0 *)_this)->i = trpt->bup.oval;
		;
		goto R999;
;
		;
		;
		;
		;
		
	case 238: // STATE 276
		goto R999;

	case 239: // STATE 291
		;
		((P0 *)_this)->i = trpt->bup.ovals[1];
		now.w_st[ Index(((P0 *)_this)->i, 2) ] = trpt->bup.ovals[0];
		_m = unsend(now.p2b);
		;
		ungrab_ints(trpt->bup.ovals, 2);
		goto R999;
;
		
	case 240: // STATE 281
		goto R999;

	case 241: // STATE 291
		;
		((P0 *)_this)->i = trpt->bup.ovals[2];
		now.w_st[ Index(((P0 *)_this)->i, 2) ] = trpt->bup.ovals[1];
		now.w_st[ Index(((P0 *)_this)->i, 2) ] = trpt->bup.ovals[0];
		_m = unsend(now.p2b);
		;
		ungrab_ints(trpt->bup.ovals, 3);
		goto R999;

	case 242: // STATE 291
		;
		((P0 *)_this)->i = trpt->bup.ovals[1];
		now.w_st[ Index(((P0 *)_this)->i, 2) ] = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 2);
		goto R999;

	case 243: // STATE 291
		;
		((P0 *)_this)->i = trpt->bup.oval;
		;
		goto R999;

	case 244: // STATE 293
		;
		((P0 *)_this)->l = trpt->bup.oval;
		;
		goto R999;
;
		;
		
	case 246: // STATE 296
		;
		((P0 *)_this)->k = trpt->bup.ovals[1];
		((P0 *)_this)->id = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 2);
		goto R999;

	case 247: // STATE 300
		;
		((P0 *)_this)->j = trpt->bup.ovals[2];
		now.next_id = trpt->bup.ovals[1];
		((P0 *)_this)->id = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 3);
		goto R999;

	case 248: // STATE 302
		;
		((P0 *)_this)->j = trpt->bup.oval;
		;
		goto R999;

	case 249: // STATE 328
		;
		now.qhd = trpt->bup.ovals[7];
		now.pv.id[ Index(now.qhd, 2) ] = trpt->bup.ovals[6];
		now.pv.rec[ Index(now.qhd, 2) ] = trpt->bup.ovals[5];
		now.nwin = trpt->bup.ovals[4];
		now.w_st[ Index(now.nwin, 2) ] = trpt->bup.ovals[3];
		now.w_id[ Index(now.nwin, 2) ] = trpt->bup.ovals[2];
		now.w_m[ Index(now.nwin, 2) ] = trpt->bup.ovals[1];
	/* 0 */	((P0 *)_this)->j = trpt->bup.ovals[0];
		;
		;
		ungrab_ints(trpt->bup.ovals, 8);
		goto R999;

	case 250: // STATE 312
		;
		((P0 *)_this)->k = trpt->bup.ovals[1];
		((P0 *)_this)->id = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 2);
		goto R999;

	case 251: // STATE 328
		;
		now.qhd = trpt->bup.ovals[6];
		now.pv.id[ Index(now.qhd, 2) ] = trpt->bup.ovals[5];
		now.pv.rec[ Index(now.qhd, 2) ] = trpt->bup.ovals[4];
		now.nwin = trpt->bup.ovals[3];
		now.w_st[ Index(now.nwin, 2) ] = trpt->bup.ovals[2];
		now.w_id[ Index(now.nwin, 2) ] = trpt->bup.ovals[1];
		now.w_m[ Index(now.nwin, 2) ] = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 7);
		goto R999;

	case 252: // STATE 335
		;
	/* 0 */	((P0 *)_this)->l = trpt->bup.oval;
		;
		;
		goto R999;
;
		;
		
	case 254: // STATE 346
		;
	/* 1 */	((P0 *)_this)->d = trpt->bup.ovals[5];
	/* 0 */	((P0 *)_this)->m = trpt->bup.ovals[4];
		XX = 1;
		unrecv(now.b2p, XX-1, 0, ((P0 *)_this)->t, 1);
		unrecv(now.b2p, XX-1, 1, ((int)((P0 *)_this)->id), 0);
		unrecv(now.b2p, XX-1, 2, ((int)((P0 *)_this)->m), 0);
		unrecv(now.b2p, XX-1, 3, ((int)((P0 *)_this)->d), 0);
		((P0 *)_this)->t = trpt->bup.ovals[0];
		((P0 *)_this)->id = trpt->bup.ovals[1];
		((P0 *)_this)->m = trpt->bup.ovals[2];
		((P0 *)_this)->d = trpt->bup.ovals[3];
		;
		;
		ungrab_ints(trpt->bup.ovals, 6);
		goto R999;

	case 255: // STATE 348
		;
		((P0 *)_this)->i = trpt->bup.oval;
		;
		goto R999;

	case 256: // STATE 350
		;
		((P0 *)_this)->i = trpt->bup.oval;
		;
		goto R999;

	case 257: // STATE 356
		;
	/* 0 */	((P0 *)_this)->i = trpt->bup.oval;
		;
		;
		goto R999;
;
		
	case 258: // STATE 357
		goto R999;
;
		
	case 259: // STATE 412
		goto R999;

	case 260: // STATE 361
		;
		now.w_st[ Index(((P0 *)_this)->i, 2) ] = trpt->bup.ovals[2];
		now.pv.rec[ Index(now.w_m[ Index(((P0 *)_this)->i, 2) ], 2) ] = trpt->bup.ovals[1];
	/* 0 */	((P0 *)_this)->t = trpt->bup.ovals[0];
		;
		;
		ungrab_ints(trpt->bup.ovals, 3);
		goto R999;
;
		
	case 261: // STATE 410
		goto R999;

	case 262: // STATE 362
		;
	/* 0 */	((P0 *)_this)->t = trpt->bup.oval;
		;
		;
		goto R999;
;
		;
		
	case 264: // STATE 372
		;
		((P0 *)_this)->j = trpt->bup.ovals[3];
		now.pv.rec[ Index(now.w_m[ Index(((P0 *)_this)->i, 2) ], 2) ] = trpt->bup.ovals[2];
		now.outcome[ Index(now.w_m[ Index(((P0 *)_this)->i, 2) ], 2) ] = trpt->bup.ovals[1];
		now.ndone = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 4);
		goto R999;

	case 265: // STATE 372
		;
		((P0 *)_this)->j = trpt->bup.ovals[2];
		now.pv.rec[ Index(now.w_m[ Index(((P0 *)_this)->i, 2) ], 2) ] = trpt->bup.ovals[1];
		now.outcome[ Index(now.w_m[ Index(((P0 *)_this)->i, 2) ], 2) ] = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 3);
		goto R999;

	case 266: // STATE 377
		;
		((P0 *)_this)->j = trpt->bup.ovals[3];
		now.w_st[ Index(((P0 *)_this)->j, 2) ] = trpt->bup.ovals[2];
		now.w_id[ Index(((P0 *)_this)->j, 2) ] = trpt->bup.ovals[1];
		now.w_m[ Index(((P0 *)_this)->j, 2) ] = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 4);
		goto R999;

	case 267: // STATE 383
		;
		now.nwin = trpt->bup.oval;
		;
		goto R999;

	case 268: // STATE 385
		;
	/* 0 */	((P0 *)_this)->t = trpt->bup.oval;
		;
		;
		goto R999;
;
		;
		
	case 270: // STATE 395
		;
		((P0 *)_this)->j = trpt->bup.ovals[3];
		now.pv.rec[ Index(now.w_m[ Index(((P0 *)_this)->i, 2) ], 2) ] = trpt->bup.ovals[2];
		now.outcome[ Index(now.w_m[ Index(((P0 *)_this)->i, 2) ], 2) ] = trpt->bup.ovals[1];
		now.ndone = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 4);
		goto R999;

	case 271: // STATE 395
		;
		((P0 *)_this)->j = trpt->bup.ovals[2];
		now.pv.rec[ Index(now.w_m[ Index(((P0 *)_this)->i, 2) ], 2) ] = trpt->bup.ovals[1];
		now.outcome[ Index(now.w_m[ Index(((P0 *)_this)->i, 2) ], 2) ] = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 3);
		goto R999;

	case 272: // STATE 400
		;
		((P0 *)_this)->j = trpt->bup.ovals[3];
		now.w_st[ Index(((P0 *)_this)->j, 2) ] = trpt->bup.ovals[2];
		now.w_id[ Index(((P0 *)_this)->j, 2) ] = trpt->bup.ovals[1];
		now.w_m[ Index(((P0 *)_this)->j, 2) ] = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 4);
		goto R999;

	case 273: // STATE 406
		;
		now.nwin = trpt->bup.oval;
		;
		goto R999;
;
		;
		
	case 275: // STATE 416
		;
		((P0 *)_this)->i = trpt->bup.oval;
		;
		goto R999;

	case 276: // STATE 420
		;
		((P0 *)_this)->i = trpt->bup.ovals[2];
		now.pd.id[ Index(((P0 *)_this)->i, 2) ] = trpt->bup.ovals[1];
		now.pd.rec[ Index(((P0 *)_this)->i, 2) ] = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 3);
		goto R999;

	case 277: // STATE 426
		;
		now.pd.note = trpt->bup.oval;
		;
		goto R999;

	case 278: // STATE 428
		;
		((P0 *)_this)->i = trpt->bup.oval;
		;
		goto R999;

	case 279: // STATE 432
		;
		((P0 *)_this)->i = trpt->bup.ovals[2];
		now.pf.id[ Index(((P0 *)_this)->i, 2) ] = trpt->bup.ovals[1];
		now.pf.rec[ Index(((P0 *)_this)->i, 2) ] = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 3);
		goto R999;

	case 280: // STATE 438
		;
		now.pf.note = trpt->bup.oval;
		;
		goto R999;
;
		
	case 281: // STATE 441
		goto R999;

	case 282: // STATE 447
		;
		p_restor(II);
		;
		;
		goto R999;
	}

