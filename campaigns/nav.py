from danvan import navigation

navigation.register("Trang chủ", "home", order=0)
navigation.register("Đơn vị", "campaigns:units", roles=("province_staff", "reviewer", "officer", "observer"), order=70)
